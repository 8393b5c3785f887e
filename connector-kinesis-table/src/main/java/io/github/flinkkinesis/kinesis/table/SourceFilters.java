package io.github.flinkkinesis.kinesis.table;

import io.github.flinkkinesis.kinesis.table.metadata.ReadableMetadata;
import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.expressions.CallExpression;
import org.apache.flink.table.expressions.FieldReferenceExpression;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.expressions.ValueLiteralExpression;
import org.apache.flink.table.functions.BuiltInFunctionDefinitions;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * What a query's WHERE clause tells the source about where to read: an arrival-time window (from
 * comparisons of the {@code timestamp} metadata column with literals) and a set of shards (from
 * {@code shard-id = '…'}, {@code IN (…)} or an OR of such equalities). Immutable; {@link #and}
 * combines the filters of several push-downs.
 *
 * <p>The window is widened to whole milliseconds (Kinesis' arrival precision), so it always holds
 * every matching record: the window's start becomes an AT_TIMESTAMP start and its end a stop, while
 * the planner still evaluates the filter itself. A filter this class does not understand is simply
 * not used.
 */
@Internal
public final class SourceFilters implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final SourceFilters NONE = new SourceFilters(null, null, null);

    /** Inclusive lower bound of the arrival time, or null. */
    @Nullable private final Instant from;

    /** Exclusive upper bound of the arrival time, or null. */
    @Nullable private final Instant until;

    /** The only shards whose rows can match, or null for any shard. */
    @Nullable private final Set<String> shards;

    private SourceFilters(
            @Nullable Instant from, @Nullable Instant until, @Nullable Set<String> shards) {
        this.from = from;
        this.until = until;
        this.shards = shards == null ? null : Set.copyOf(shards);
    }

    /** No restriction. */
    public static SourceFilters none() {
        return NONE;
    }

    /**
     * The restriction one filter expresses, if this class understands it.
     *
     * @param metadataKeyOfField the metadata key of the source's output field at an index, or null
     *     for a physical field
     */
    public static Optional<SourceFilters> of(
            ResolvedExpression filter, IntFunction<String> metadataKeyOfField) {
        if (!(filter instanceof CallExpression)) {
            return Optional.empty();
        }
        CallExpression call = (CallExpression) filter;
        FunctionDefinition f = call.getFunctionDefinition();
        if (f == BuiltInFunctionDefinitions.OR) {
            return shardsOfDisjunction(call, metadataKeyOfField);
        }
        if (f == BuiltInFunctionDefinitions.IN) {
            return shardsOfIn(call, metadataKeyOfField);
        }
        return comparison(call, metadataKeyOfField);
    }

    private static Optional<SourceFilters> comparison(
            CallExpression call, IntFunction<String> metadataKeyOfField) {
        List<ResolvedExpression> args = call.getResolvedChildren();
        if (args.size() != 2) {
            return Optional.empty();
        }
        FunctionDefinition f = call.getFunctionDefinition();
        FieldReferenceExpression field;
        ValueLiteralExpression literal;
        if (fieldOf(args.get(0)) != null && args.get(1) instanceof ValueLiteralExpression) {
            field = fieldOf(args.get(0));
            literal = (ValueLiteralExpression) args.get(1);
        } else if (fieldOf(args.get(1)) != null && args.get(0) instanceof ValueLiteralExpression) {
            field = fieldOf(args.get(1));
            literal = (ValueLiteralExpression) args.get(0);
            f = mirrored(f);
        } else {
            return Optional.empty();
        }
        String key = metadataKeyOfField.apply(field.getFieldIndex());
        if (ReadableMetadata.SHARD_ID.key().equals(key) && f == BuiltInFunctionDefinitions.EQUALS) {
            return literal.getValueAs(String.class)
                    .map(id -> new SourceFilters(null, null, Set.of(id)));
        }
        if (!ReadableMetadata.TIMESTAMP.key().equals(key)
                || field.getOutputDataType().getLogicalType().getTypeRoot()
                        != LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
            return Optional.empty();
        }
        Optional<Instant> value = literal.getValueAs(Instant.class);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Instant floor = value.get().truncatedTo(ChronoUnit.MILLIS);
        Instant nextMilli = floor.plusMillis(1);
        Instant ceil = floor.equals(value.get()) ? floor : nextMilli;
        if (f == BuiltInFunctionDefinitions.GREATER_THAN
                || f == BuiltInFunctionDefinitions.GREATER_THAN_OR_EQUAL) {
            return Optional.of(new SourceFilters(floor, null, null));
        }
        if (f == BuiltInFunctionDefinitions.LESS_THAN) {
            return Optional.of(new SourceFilters(null, ceil, null));
        }
        if (f == BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL) {
            return Optional.of(new SourceFilters(null, nextMilli, null));
        }
        if (f == BuiltInFunctionDefinitions.EQUALS) {
            return Optional.of(new SourceFilters(floor, nextMilli, null));
        }
        return Optional.empty();
    }

    /**
     * The field an expression reads unchanged: a field reference, or a cast of one to its own type
     * (the planner adds such casts that only change nullability); null otherwise.
     */
    @Nullable
    private static FieldReferenceExpression fieldOf(ResolvedExpression e) {
        if (e instanceof FieldReferenceExpression) {
            return (FieldReferenceExpression) e;
        }
        if (e instanceof CallExpression
                && ((CallExpression) e).getFunctionDefinition() == BuiltInFunctionDefinitions.CAST
                && !e.getResolvedChildren().isEmpty()
                && e.getResolvedChildren().get(0) instanceof FieldReferenceExpression) {
            FieldReferenceExpression field =
                    (FieldReferenceExpression) e.getResolvedChildren().get(0);
            LogicalType from = field.getOutputDataType().getLogicalType().copy(true);
            LogicalType to = e.getOutputDataType().getLogicalType().copy(true);
            return from.equals(to) ? field : null;
        }
        return null;
    }

    /** {@code literal op field} as {@code field op' literal}. */
    private static FunctionDefinition mirrored(FunctionDefinition f) {
        if (f == BuiltInFunctionDefinitions.GREATER_THAN) {
            return BuiltInFunctionDefinitions.LESS_THAN;
        }
        if (f == BuiltInFunctionDefinitions.GREATER_THAN_OR_EQUAL) {
            return BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL;
        }
        if (f == BuiltInFunctionDefinitions.LESS_THAN) {
            return BuiltInFunctionDefinitions.GREATER_THAN;
        }
        if (f == BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL) {
            return BuiltInFunctionDefinitions.GREATER_THAN_OR_EQUAL;
        }
        return f;
    }

    /** {@code shard-id = 'a' OR shard-id = 'b' OR …} (how the planner may spell an IN list). */
    private static Optional<SourceFilters> shardsOfDisjunction(
            CallExpression or, IntFunction<String> metadataKeyOfField) {
        Set<String> shards = new HashSet<>();
        for (ResolvedExpression branch : or.getResolvedChildren()) {
            Optional<SourceFilters> one = of(branch, metadataKeyOfField);
            if (one.isEmpty() || one.get().shards == null || one.get().hasWindow()) {
                return Optional.empty();
            }
            shards.addAll(one.get().shards);
        }
        return Optional.of(new SourceFilters(null, null, shards));
    }

    /** {@code shard-id IN ('a', 'b', …)}. */
    private static Optional<SourceFilters> shardsOfIn(
            CallExpression in, IntFunction<String> metadataKeyOfField) {
        List<ResolvedExpression> args = in.getResolvedChildren();
        FieldReferenceExpression field = args.isEmpty() ? null : fieldOf(args.get(0));
        if (field == null
                || !ReadableMetadata.SHARD_ID
                        .key()
                        .equals(metadataKeyOfField.apply(field.getFieldIndex()))) {
            return Optional.empty();
        }
        Set<String> shards = new HashSet<>();
        for (ResolvedExpression arg : args.subList(1, args.size())) {
            if (!(arg instanceof ValueLiteralExpression)) {
                return Optional.empty();
            }
            Optional<String> id = ((ValueLiteralExpression) arg).getValueAs(String.class);
            if (id.isEmpty()) {
                return Optional.empty();
            }
            shards.add(id.get());
        }
        return Optional.of(new SourceFilters(null, null, shards));
    }

    /** Both restrictions at once: the later start, the earlier end, the common shards. */
    public SourceFilters and(SourceFilters other) {
        Instant f = from == null ? other.from : later(from, other.from);
        Instant u = until == null ? other.until : earlier(until, other.until);
        Set<String> s;
        if (shards == null) {
            s = other.shards;
        } else if (other.shards == null) {
            s = shards;
        } else {
            s = new HashSet<>(shards);
            s.retainAll(other.shards);
        }
        return new SourceFilters(f, u, s);
    }

    private static Instant later(Instant a, @Nullable Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, @Nullable Instant b) {
        return b == null || a.isBefore(b) ? a : b;
    }

    private boolean hasWindow() {
        return from != null || until != null;
    }

    public boolean isNone() {
        return from == null && until == null && shards == null;
    }

    /** Inclusive lower bound of the arrival time of matching rows, or null. */
    @Nullable
    public Instant from() {
        return from;
    }

    /** Exclusive upper bound of the arrival time of matching rows, or null. */
    @Nullable
    public Instant until() {
        return until;
    }

    /** The shards that matching rows come from, or null for any. */
    @Nullable
    public Set<String> shards() {
        return shards;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceFilters
                && Objects.equals(from, ((SourceFilters) o).from)
                && Objects.equals(until, ((SourceFilters) o).until)
                && Objects.equals(shards, ((SourceFilters) o).shards);
    }

    @Override
    public int hashCode() {
        return Objects.hash(from, until, shards);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (from != null) {
            parts.add("from=" + from);
        }
        if (until != null) {
            parts.add("until=" + until);
        }
        if (shards != null) {
            parts.add("shards=" + new TreeSet<>(shards));
        }
        return "SourceFilters" + parts;
    }
}
