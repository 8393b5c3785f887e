package io.github.flinkkinesis.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * A thread that keeps putting records with unique ids (0, 1, 2, ...) into a stream at a {@link
 * Pace}, until {@link #stop()} or the pace's bounds. A record is JSON {@code {"id": N, "payload":
 * "record-N"}} with partition key {@code key-(N mod 100)}, so every shard of a stream gets records.
 * Entries a call reports as failed are put again; an error ends the thread and is rethrown by
 * {@link #stop()}.
 */
final class Producer implements AutoCloseable {

    /**
     * {@code batchSize} records per PutRecords call, one call per {@code interval}; never more than
     * {@code maxRecords} records nor longer than {@code maxTime}.
     */
    record Pace(int batchSize, Duration interval, long maxRecords, Duration maxTime) {}

    private final KinesisClient kinesis;
    private final String stream;
    private final Pace pace;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Throwable> error = new AtomicReference<>();
    private final Thread thread = new Thread(this::run, "producer");
    private volatile boolean stopped;

    Producer(KinesisClient kinesis, String stream, Pace pace) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.pace = pace;
        this.thread.setDaemon(true);
    }

    Producer start() {
        thread.start();
        return this;
    }

    /** Records put so far (ids 0 to this count - 1), each acknowledged by PutRecords. */
    long count() {
        return acknowledged.get();
    }

    /** Stops putting, waits for the call in flight, and returns how many records were put. */
    long stop() throws InterruptedException {
        stopped = true;
        thread.join(60_000);
        if (error.get() != null) {
            throw new IllegalStateException("the producer failed", error.get());
        }
        return acknowledged.get();
    }

    private static String json(long id) {
        return "{\"id\":" + id + ",\"payload\":\"record-" + id + "\"}";
    }

    private static String partitionKey(long id) {
        return "key-" + (id % 100);
    }

    private void run() {
        long deadline = System.nanoTime() + pace.maxTime().toNanos();
        try {
            long next = 0;
            while (!stopped && next < pace.maxRecords() && System.nanoTime() < deadline) {
                long started = System.nanoTime();
                List<PutRecordsRequestEntry> batch = new ArrayList<>();
                for (int i = 0; i < pace.batchSize() && next < pace.maxRecords(); i++, next++) {
                    batch.add(
                            PutRecordsRequestEntry.builder()
                                    .partitionKey(partitionKey(next))
                                    .data(SdkBytes.fromUtf8String(json(next)))
                                    .build());
                }
                putAll(batch);
                acknowledged.set(next);
                long rest = pace.interval().toNanos() - (System.nanoTime() - started);
                if (rest > 0) {
                    Thread.sleep(rest / 1_000_000, (int) (rest % 1_000_000));
                }
            }
        } catch (Throwable t) {
            error.set(t);
        }
    }

    private void putAll(List<PutRecordsRequestEntry> batch) throws InterruptedException {
        List<PutRecordsRequestEntry> pending = batch;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<PutRecordsRequestEntry> sent = pending;
            PutRecordsResponse response =
                    kinesis.putRecords(b -> b.streamName(stream).records(sent));
            pending = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                PutRecordsResultEntry result = response.records().get(i);
                if (result.errorCode() != null) {
                    pending.add(sent.get(i));
                }
            }
            if (!pending.isEmpty()) {
                if (attempt >= 10) {
                    throw new IllegalStateException(
                            pending.size() + " records not put after " + attempt + " attempts");
                }
                Thread.sleep(100L * attempt);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(60_000);
    }
}
