package io.github.flinkkinesis.kinesis.testutil.fakes;

import io.github.flinkkinesis.kinesis.model.HashKeyRange;
import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.proxy.PutRecordsProxy;
import io.github.flinkkinesis.kinesis.proxy.PutRecordsResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Hand-written fake of the PutRecords seam: answers each call with the next scripted response
 * (default: everything stored), completes synchronously unless told to hold calls, and records
 * every call and every entry it "stored".
 */
public final class FakePutRecordsProxy implements PutRecordsProxy {

    private final Deque<Function<List<KinesisSinkEntry>, CompletableFuture<PutRecordsResult>>>
            script = new ArrayDeque<>();
    private final List<List<KinesisSinkEntry>> calls = new ArrayList<>();
    private final List<KinesisSinkEntry> stored = new ArrayList<>();
    private final List<CompletableFuture<PutRecordsResult>> pending = new ArrayList<>();
    private boolean holding;
    private boolean closed;
    private final Deque<Object> shardListings = new ArrayDeque<>();
    private Map<String, HashKeyRange> openShards = Map.of();
    private int listCalls;

    /** The next call fails as a whole with {@code error}. */
    public FakePutRecordsProxy thenFailCall(Throwable error) {
        script.add(entries -> CompletableFuture.failedFuture(error));
        return this;
    }

    /** The next call throws {@code error} instead of returning a future, as a broken client may. */
    public FakePutRecordsProxy thenThrow(RuntimeException error) {
        script.add(
                entries -> {
                    throw error;
                });
        return this;
    }

    /**
     * Unscripted calls from now on stay in flight until the test completes them through {@link
     * #pendingCalls}, as slow calls to Kinesis do.
     */
    public FakePutRecordsProxy holdCalls() {
        holding = true;
        return this;
    }

    /** The futures of the calls held so far, in call order. */
    public List<CompletableFuture<PutRecordsResult>> pendingCalls() {
        return pending;
    }

    /** The next call rejects the entries at {@code failedIndexes} with {@code code}. */
    public FakePutRecordsProxy thenRejectEntries(String code, int... failedIndexes) {
        script.add(
                entries -> {
                    List<String> codes = new ArrayList<>(Collections.nCopies(entries.size(), null));
                    List<String> messages =
                            new ArrayList<>(Collections.nCopies(entries.size(), null));
                    for (int i : failedIndexes) {
                        codes.set(i, code);
                        messages.set(i, "rejected by the fake");
                    }
                    for (int i = 0; i < entries.size(); i++) {
                        if (codes.get(i) == null) {
                            stored.add(entries.get(i));
                        }
                    }
                    return CompletableFuture.completedFuture(
                            PutRecordsResult.partial(codes, messages));
                });
        return this;
    }

    /**
     * The next call answers {@code answer(entries)}; entries without an error code count as stored.
     */
    public FakePutRecordsProxy thenAnswer(
            Function<List<KinesisSinkEntry>, PutRecordsResult> answer) {
        script.add(
                entries -> {
                    PutRecordsResult result = answer.apply(entries);
                    for (int i = 0; i < entries.size(); i++) {
                        if (result.errorCode(i) == null) {
                            stored.add(entries.get(i));
                        }
                    }
                    return CompletableFuture.completedFuture(result);
                });
        return this;
    }

    /** What {@link #listOpenShards} answers from now on (after any scripted listing). */
    public FakePutRecordsProxy withOpenShards(Map<String, HashKeyRange> shards) {
        this.openShards = shards;
        return this;
    }

    /** The next {@link #listOpenShards} throws {@code error}. */
    public FakePutRecordsProxy thenFailListing(RuntimeException error) {
        shardListings.add(error);
        return this;
    }

    /** How often {@link #listOpenShards} was called. */
    public int listCalls() {
        return listCalls;
    }

    @Override
    public Map<String, HashKeyRange> listOpenShards() {
        listCalls++;
        Object next = shardListings.poll();
        if (next instanceof RuntimeException) {
            throw (RuntimeException) next;
        }
        return openShards;
    }

    /** The entries of every call, in call order. */
    public List<List<KinesisSinkEntry>> calls() {
        return calls;
    }

    /** Every entry a call accepted. */
    public List<KinesisSinkEntry> stored() {
        return stored;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public CompletableFuture<PutRecordsResult> putRecords(List<KinesisSinkEntry> entries) {
        List<KinesisSinkEntry> copy = List.copyOf(entries);
        calls.add(copy);
        if (!script.isEmpty()) {
            return script.poll().apply(copy);
        }
        if (holding) {
            CompletableFuture<PutRecordsResult> call = new CompletableFuture<>();
            pending.add(call);
            return call;
        }
        stored.addAll(copy);
        return CompletableFuture.completedFuture(PutRecordsResult.allSucceeded());
    }

    @Override
    public void close() {
        closed = true;
    }
}
