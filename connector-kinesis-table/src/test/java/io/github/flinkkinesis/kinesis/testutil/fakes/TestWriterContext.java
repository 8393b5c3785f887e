package io.github.flinkkinesis.kinesis.testutil.fakes;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobInfo;
import org.apache.flink.api.common.JobInfoImpl;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.TaskInfoImpl;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.flink.util.function.ThrowingRunnable;

/**
 * A single-threaded stand-in for the task a sink writer runs in: mails queue up and run when the
 * writer yields (as in Flink's mailbox), timers are recorded but only fire when a test says so.
 */
public final class TestWriterContext implements WriterInitContext {

    private final Deque<ThrowingRunnable<? extends Exception>> mails = new ArrayDeque<>();
    private final Deque<ProcessingTimeService.ProcessingTimeCallback> timers = new ArrayDeque<>();
    private final SinkWriterMetricGroup metrics =
            UnregisteredMetricsGroup.createSinkWriterMetricGroup();
    private final int subtask;

    public TestWriterContext() {
        this(0);
    }

    public TestWriterContext(int subtask) {
        this.subtask = subtask;
    }

    /** Runs every queued mail (completions of calls, failures), as the task's mailbox would. */
    public void runMails() throws Exception {
        while (!mails.isEmpty()) {
            mails.poll().run();
        }
    }

    public int pendingTimers() {
        return timers.size();
    }

    private final MailboxExecutor mailbox =
            new MailboxExecutor() {
                @Override
                public void execute(
                        MailOptions options,
                        ThrowingRunnable<? extends Exception> command,
                        String description,
                        Object... args) {
                    mails.add(command);
                }

                @Override
                public void yield() throws InterruptedException {
                    if (mails.isEmpty()) {
                        throw new IllegalStateException(
                                "the writer yielded but no mail is queued: it would wait forever");
                    }
                    runOne();
                }

                @Override
                public boolean tryYield() {
                    if (mails.isEmpty()) {
                        return false;
                    }
                    runOne();
                    return true;
                }

                @Override
                public boolean shouldInterrupt() {
                    return false;
                }

                private void runOne() {
                    try {
                        mails.poll().run();
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }
            };

    private final ProcessingTimeService time =
            new ProcessingTimeService() {
                @Override
                public long getCurrentProcessingTime() {
                    return System.currentTimeMillis();
                }

                @Override
                public ScheduledFuture<?> registerTimer(
                        long timestamp, ProcessingTimeCallback target) {
                    timers.add(target);
                    return new NeverFiringFuture();
                }
            };

    @Override
    public UserCodeClassLoader getUserCodeClassLoader() {
        return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
    }

    @Override
    public MailboxExecutor getMailboxExecutor() {
        return mailbox;
    }

    @Override
    public ProcessingTimeService getProcessingTimeService() {
        return time;
    }

    @Override
    public SinkWriterMetricGroup metricGroup() {
        return metrics;
    }

    @Override
    public SerializationSchema.InitializationContext asSerializationSchemaInitializationContext() {
        return new SerializationSchema.InitializationContext() {
            @Override
            public MetricGroup getMetricGroup() {
                return metrics;
            }

            @Override
            public UserCodeClassLoader getUserCodeClassLoader() {
                return TestWriterContext.this.getUserCodeClassLoader();
            }
        };
    }

    @Override
    public boolean isObjectReuseEnabled() {
        return false;
    }

    @Override
    public <IN> TypeSerializer<IN> createInputSerializer() {
        throw new UnsupportedOperationException(
                "The test context has no input serializer: the Kinesis writer does not need one.");
    }

    @Override
    public OptionalLong getRestoredCheckpointId() {
        return OptionalLong.empty();
    }

    @Override
    public JobInfo getJobInfo() {
        return new JobInfoImpl(new JobID(), "test-job");
    }

    @Override
    public TaskInfo getTaskInfo() {
        return new TaskInfoImpl("kinesis-sink", 128, subtask, Math.max(subtask + 1, 2), 0);
    }

    /** A timer handle that never fires by itself (tests flush explicitly). */
    private static final class NeverFiringFuture extends CompletableFuture<Object>
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
