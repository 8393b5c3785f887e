package io.github.flinkkinesis.kinesis.testutil.fakes;

import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import java.util.List;
import org.apache.flink.connector.base.sink.writer.ResultHandler;

/** Records which outcome the submitter reported; fails a test that sees two outcomes. */
public final class RecordingResultHandler implements ResultHandler<KinesisSinkEntry> {

    private boolean completed;
    private Exception failure;
    private List<KinesisSinkEntry> retried;
    private int outcomes;

    @Override
    public void complete() {
        outcomes++;
        completed = true;
    }

    @Override
    public void completeExceptionally(Exception e) {
        outcomes++;
        failure = e;
    }

    @Override
    public void retryForEntries(List<KinesisSinkEntry> entries) {
        outcomes++;
        retried = entries;
    }

    /** How many outcomes were reported: one is right, more is a bug. */
    public int outcomes() {
        return outcomes;
    }

    public boolean completed() {
        return completed;
    }

    /** The exception of {@link #completeExceptionally}, or null. */
    public Exception failure() {
        return failure;
    }

    /** The entries of {@link #retryForEntries}, or null. */
    public List<KinesisSinkEntry> retried() {
        return retried;
    }
}
