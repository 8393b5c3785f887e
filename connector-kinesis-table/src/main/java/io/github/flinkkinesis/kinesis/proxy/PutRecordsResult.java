package io.github.flinkkinesis.kinesis.proxy;

import java.util.Collections;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * The answer of one PutRecords call, without SDK types: how many entries failed and, for each entry
 * in request order, its error code and message (null for an entry that was stored) and, when the
 * answer said so, the shard that stored it (what KPL aggregation checks its shard map against).
 */
@Internal
public final class PutRecordsResult {

    private static final PutRecordsResult ALL_SUCCEEDED =
            new PutRecordsResult(
                    0, Collections.emptyList(), Collections.emptyList(), Collections.emptyList());

    private final int failedCount;
    private final List<String> errorCodes;
    private final List<String> errorMessages;
    private final List<String> shardIds;

    private PutRecordsResult(
            int failedCount,
            List<String> errorCodes,
            List<String> errorMessages,
            List<String> shardIds) {
        this.failedCount = failedCount;
        this.errorCodes = errorCodes;
        this.errorMessages = errorMessages;
        this.shardIds = shardIds;
    }

    /** Every entry was stored. */
    public static PutRecordsResult allSucceeded() {
        return ALL_SUCCEEDED;
    }

    /**
     * Every entry was stored, entry {@code i} in shard {@code shardIds.get(i)} (null when not
     * said).
     */
    public static PutRecordsResult allSucceeded(List<String> shardIds) {
        return new PutRecordsResult(0, Collections.emptyList(), Collections.emptyList(), shardIds);
    }

    /**
     * Some entries failed: {@code errorCodes} and {@code errorMessages} have one element per
     * request entry, in request order, null where the entry was stored.
     */
    public static PutRecordsResult partial(List<String> errorCodes, List<String> errorMessages) {
        return partial(errorCodes, errorMessages, Collections.emptyList());
    }

    /**
     * As {@link #partial(List, List)}, with the shard of each stored entry ({@code shardIds} empty,
     * or one element per request entry, null where not said).
     */
    public static PutRecordsResult partial(
            List<String> errorCodes, List<String> errorMessages, List<String> shardIds) {
        if (errorCodes.size() != errorMessages.size()) {
            throw new IllegalArgumentException("one error message per error code expected");
        }
        int failed = 0;
        for (String code : errorCodes) {
            if (code != null) {
                failed++;
            }
        }
        return failed == 0
                ? allSucceeded(shardIds)
                : new PutRecordsResult(failed, errorCodes, errorMessages, shardIds);
    }

    public int failedCount() {
        return failedCount;
    }

    /** The error code of entry {@code index}, null if it was stored. */
    @Nullable
    public String errorCode(int index) {
        return failedCount == 0 ? null : errorCodes.get(index);
    }

    @Nullable
    public String errorMessage(int index) {
        return failedCount == 0 ? null : errorMessages.get(index);
    }

    /** The shard that stored entry {@code index}, or null when the answer did not say. */
    @Nullable
    public String shardId(int index) {
        return index < shardIds.size() ? shardIds.get(index) : null;
    }
}
