package io.github.flinkkinesis.kinesis.source.reader;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.annotation.Internal;

/**
 * The rows one reader may emit before its fetchers stop reading (a pushed-down LIMIT): counted in
 * the task thread by a {@link RowCountingDeserializer}, checked by each {@link LimitingSplitReader}
 * on its fetcher thread. Rows already fetched when the limit is reached are still emitted; a query
 * keeps its own LIMIT, so the count only has to be at least the limit.
 */
@Internal
public final class RowLimit {

    private final long limit;
    private final AtomicLong emitted = new AtomicLong();

    /**
     * @param limit the number of rows after which reading stops; must be positive
     */
    public RowLimit(long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("A row limit must be positive, not " + limit);
        }
        this.limit = limit;
    }

    /** Counts one emitted row. */
    void rowEmitted() {
        emitted.incrementAndGet();
    }

    /** Whether the reader emitted as many rows as the limit. */
    public boolean isReached() {
        return emitted.get() >= limit;
    }

    /** The rows counted so far. */
    public long emitted() {
        return emitted.get();
    }

    @Override
    public String toString() {
        return "RowLimit{" + emitted.get() + "/" + limit + "}";
    }
}
