package io.github.flinkkinesis.kinesis.proxy;

import java.util.Collections;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * The answer of one PutRecords call, without SDK types: how many entries failed and, for each entry
 * in request order, its error code and message (null for an entry that was stored).
 */
@Internal
public final class PutRecordsResult {

    private static final PutRecordsResult ALL_SUCCEEDED =
            new PutRecordsResult(0, Collections.emptyList(), Collections.emptyList());

    private final int failedCount;
    private final List<String> errorCodes;
    private final List<String> errorMessages;

    private PutRecordsResult(int failedCount, List<String> errorCodes, List<String> errorMessages) {
        this.failedCount = failedCount;
        this.errorCodes = errorCodes;
        this.errorMessages = errorMessages;
    }

    /** Every entry was stored. */
    public static PutRecordsResult allSucceeded() {
        return ALL_SUCCEEDED;
    }

    /**
     * Some entries failed: {@code errorCodes} and {@code errorMessages} have one element per
     * request entry, in request order, null where the entry was stored.
     */
    public static PutRecordsResult partial(List<String> errorCodes, List<String> errorMessages) {
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
                ? ALL_SUCCEEDED
                : new PutRecordsResult(failed, errorCodes, errorMessages);
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
}
