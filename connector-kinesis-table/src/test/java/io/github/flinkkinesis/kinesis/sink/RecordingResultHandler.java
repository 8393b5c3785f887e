package io.github.flinkkinesis.kinesis.sink;

import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import java.util.List;
import org.apache.flink.connector.base.sink.writer.ResultHandler;

/** Records which outcome the submitter reported; fails a test that sees two outcomes. */
final class RecordingResultHandler implements ResultHandler<KinesisSinkEntry> {

    boolean completed;
    Exception failure;
    List<KinesisSinkEntry> retried;
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

    int outcomes() {
        return outcomes;
    }
}
