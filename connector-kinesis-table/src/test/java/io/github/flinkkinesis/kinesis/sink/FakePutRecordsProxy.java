package io.github.flinkkinesis.kinesis.sink;

import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import io.github.flinkkinesis.kinesis.proxy.PutRecordsProxy;
import io.github.flinkkinesis.kinesis.proxy.PutRecordsResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Hand-written fake of the PutRecords seam: answers each call with the next scripted response
 * (default: everything stored), completes synchronously, and records every call and every entry it
 * "stored".
 */
class FakePutRecordsProxy implements PutRecordsProxy {

    private final Deque<Function<List<KinesisSinkEntry>, CompletableFuture<PutRecordsResult>>>
            script = new ArrayDeque<>();
    final List<List<KinesisSinkEntry>> calls = new ArrayList<>();
    final List<KinesisSinkEntry> stored = new ArrayList<>();
    boolean closed;

    /** The next call fails as a whole with {@code error}. */
    FakePutRecordsProxy thenFailCall(Throwable error) {
        script.add(entries -> CompletableFuture.failedFuture(error));
        return this;
    }

    /** The next call rejects the entries at {@code failedIndexes} with {@code code}. */
    FakePutRecordsProxy thenRejectEntries(String code, int... failedIndexes) {
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

    @Override
    public CompletableFuture<PutRecordsResult> putRecords(List<KinesisSinkEntry> entries) {
        List<KinesisSinkEntry> copy = List.copyOf(entries);
        calls.add(copy);
        if (!script.isEmpty()) {
            return script.poll().apply(copy);
        }
        stored.addAll(copy);
        return CompletableFuture.completedFuture(PutRecordsResult.allSucceeded());
    }

    @Override
    public void close() {
        closed = true;
    }
}
