package io.github.flinkkinesis.benchmarks.jmh;

import io.github.flinkkinesis.benchmarks.BenchRows;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.TaskInfoImpl;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.FlinkRuntimeException;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.flink.util.function.ThrowingRunnable;
import org.openjdk.jmh.infra.Blackhole;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Test data and minimal Flink contexts shared by the JMH benchmarks: the same ~100-byte JSON rows
 * as the end-to-end harness, as Kinesis records (with realistic 56-digit sequence numbers) and as
 * table rows.
 */
final class Fixtures {

    static final int COUNT = 1024;

    /** The benchmark table's physical row: the same columns as the harness's SQL tables. */
    static final DataType PHYSICAL =
            DataTypes.ROW(
                    DataTypes.FIELD("id", DataTypes.BIGINT()),
                    DataTypes.FIELD("name", DataTypes.STRING()),
                    DataTypes.FIELD("amount", DataTypes.DOUBLE()),
                    DataTypes.FIELD("qty", DataTypes.INT()),
                    DataTypes.FIELD("ts", DataTypes.TIMESTAMP(3)));

    static final RowType PHYSICAL_ROW_TYPE = (RowType) PHYSICAL.getLogicalType();

    private Fixtures() {}

    static InternalTypeInfo<RowData> typeInfo(DataType type) {
        return InternalTypeInfo.of(type.getLogicalType());
    }

    /** Kinesis records holding the harness's JSON rows, as GetRecords returns them. */
    static Record[] records() {
        BenchRows gen = new BenchRows(11);
        Record[] records = new Record[COUNT];
        BigInteger seq = new BigInteger("49656732465012345678901234567890123456789012345678901234");
        Instant arrival = Instant.parse("2026-11-21T06:00:00Z");
        for (int i = 0; i < COUNT; i++) {
            records[i] =
                    Record.builder()
                            .data(SdkBytes.fromByteArrayUnsafe(gen.row(i + 1)))
                            .partitionKey(gen.partitionKey())
                            .sequenceNumber(seq.add(BigInteger.valueOf(i)).toString())
                            .approximateArrivalTimestamp(arrival.plusMillis(i))
                            .build();
        }
        return records;
    }

    /** Table rows as datagen produces them (internal data structures). */
    static RowData[] rows() {
        BenchRows gen = new BenchRows(13);
        RowData[] rows = new RowData[COUNT];
        for (int i = 0; i < COUNT; i++) {
            String json = new String(gen.row(i + 1), java.nio.charset.StandardCharsets.UTF_8);
            String name =
                    json.substring(json.indexOf("\"name\":\"") + 8, json.indexOf("\",\"amount\""));
            rows[i] =
                    GenericRowData.of(
                            (long) i + 1,
                            StringData.fromString(name),
                            i * 0.731,
                            i % 1001,
                            TimestampData.fromEpochMillis(1_780_000_000_000L + i));
        }
        return rows;
    }

    /** Reads every field of a benchmark row, as the next operator of a real job would. */
    static void consume(RowData row, Blackhole bh) {
        bh.consume(row.getLong(0));
        bh.consume(row.getString(1));
        bh.consume(row.getDouble(2));
        bh.consume(row.getInt(3));
        bh.consume(row.getTimestamp(4, 3));
        if (row.getArity() == 8) {
            bh.consume(row.getTimestamp(5, 3));
            bh.consume(row.getString(6));
            bh.consume(row.getString(7));
        }
    }

    static DeserializationSchema.InitializationContext deserializationContext() {
        return new DeserializationSchema.InitializationContext() {
            @Override
            public org.apache.flink.metrics.MetricGroup getMetricGroup() {
                return UnregisteredMetricsGroup.createOperatorMetricGroup();
            }

            @Override
            public UserCodeClassLoader getUserCodeClassLoader() {
                return SimpleUserCodeClassLoader.create(Fixtures.class.getClassLoader());
            }
        };
    }

    static SerializationSchema.InitializationContext serializationContext() {
        return new SerializationSchema.InitializationContext() {
            @Override
            public org.apache.flink.metrics.MetricGroup getMetricGroup() {
                return UnregisteredMetricsGroup.createOperatorMetricGroup();
            }

            @Override
            public UserCodeClassLoader getUserCodeClassLoader() {
                return SimpleUserCodeClassLoader.create(Fixtures.class.getClassLoader());
            }
        };
    }

    /**
     * A writer context that answers what an element converter asks when it opens (task info and the
     * serialization context); anything else is not needed by a converter and fails loudly.
     */
    static WriterInitContext writerContext() {
        return writerContext(new DirectMailbox());
    }

    /** The same, with the mailbox and timer service a sink writer needs. */
    static WriterInitContext writerContext(DirectMailbox mailbox) {
        TaskInfo task = new TaskInfoImpl("bench", 1, 0, 1, 0);
        ProcessingTimeService timers =
                new ProcessingTimeService() {
                    @Override
                    public long getCurrentProcessingTime() {
                        return System.currentTimeMillis();
                    }

                    @Override
                    public ScheduledFuture<?> registerTimer(
                            long timestamp, ProcessingTimeCallback target) {
                        // the benchmark never idles long enough for the flush timeout to matter
                        return new CompletableScheduledFuture();
                    }
                };
        SerializationSchema.InitializationContext ser = serializationContext();
        return (WriterInitContext)
                Proxy.newProxyInstance(
                        Fixtures.class.getClassLoader(),
                        new Class<?>[] {WriterInitContext.class},
                        (proxy, method, args) -> {
                            switch (method.getName()) {
                                case "getTaskInfo":
                                    return task;
                                case "asSerializationSchemaInitializationContext":
                                    return ser;
                                case "metricGroup":
                                    return UnregisteredMetricsGroup.createSinkWriterMetricGroup();
                                case "getMailboxExecutor":
                                    return mailbox;
                                case "getProcessingTimeService":
                                    return timers;
                                case "isObjectReuseEnabled":
                                    return false;
                                case "getRestoredCheckpointId":
                                    return OptionalLong.empty();
                                case "metadataConsumer":
                                    return Optional.empty();
                                case "getUserCodeClassLoader":
                                    return SimpleUserCodeClassLoader.create(
                                            Fixtures.class.getClassLoader());
                                default:
                                    throw new UnsupportedOperationException(
                                            "the benchmark's writer context has no "
                                                    + method.getName()
                                                    + "; add it to Fixtures.writerContext()");
                            }
                        });
    }

    /**
     * A mailbox that queues mails and runs them when the benchmark drains it (a task's mailbox runs
     * them between records).
     */
    static final class DirectMailbox implements MailboxExecutor {
        private final ArrayDeque<ThrowingRunnable<? extends Exception>> mails = new ArrayDeque<>();

        @Override
        public void execute(
                MailOptions options,
                ThrowingRunnable<? extends Exception> command,
                String description,
                Object... args) {
            mails.add(command);
        }

        @Override
        public void yield() {
            if (!tryYield()) {
                throw new IllegalStateException(
                        "the writer waits for a mail that never comes: the fake proxy must"
                                + " complete every call");
            }
        }

        @Override
        public boolean tryYield() {
            ThrowingRunnable<? extends Exception> mail = mails.poll();
            if (mail == null) {
                return false;
            }
            try {
                mail.run();
            } catch (Exception e) {
                throw new FlinkRuntimeException(e);
            }
            return true;
        }

        @Override
        public boolean shouldInterrupt() {
            return false;
        }

        void drain() {
            while (tryYield()) {
                // run every queued mail
            }
        }
    }

    /** A timer handle that never fires. */
    private static final class CompletableScheduledFuture extends CompletableFuture<Object>
            implements ScheduledFuture<Object> {
        @Override
        public long getDelay(TimeUnit unit) {
            return Long.MAX_VALUE;
        }

        @Override
        public int compareTo(Delayed o) {
            return 0;
        }
    }
}
