package io.github.flinkkinesis.testing.front;

import java.util.List;
import java.util.function.ToLongFunction;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * A snapshot of everything a {@link QuotaFront} counted: per shard ({@link ShardCounts}), the
 * faults it injected ({@link FaultCounts}), and the calls it could not attribute to a shard.
 *
 * @param shards one entry per shard the front has seen a write or a read on, by stream and shard
 * @param faults the injected faults
 * @param unroutedRecords PutRecord(s) entries forwarded unmetered because no open shard of the
 *     stream covered their hash key, even after listing the shards again
 * @param unmappedGetRecords GetRecords calls forwarded unmetered because their iterator came from
 *     no GetShardIterator or GetRecords answer the front saw
 * @param errors calls the front itself failed on (answered HTTP 500 with the reason)
 * @param lastError the reason of the last of those, or null
 */
public record FrontCounts(
        List<ShardCounts> shards,
        FaultCounts faults,
        long unroutedRecords,
        long unmappedGetRecords,
        long errors,
        String lastError) {

    /** The counts of one shard; all zero when the front has not seen it. */
    public ShardCounts shard(String stream, String shardId) {
        return shards.stream()
                .filter(s -> s.stream().equals(stream) && s.shardId().equals(shardId))
                .findFirst()
                .orElse(new ShardCounts(stream, shardId, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    /** The shards of one stream. */
    public List<ShardCounts> shards(String stream) {
        return shards.stream().filter(s -> s.stream().equals(stream)).toList();
    }

    /** The sum of one count over the shards of {@code stream}. */
    public long total(String stream, ToLongFunction<ShardCounts> count) {
        return shards(stream).stream().mapToLong(count).sum();
    }

    /** Everything as one JSON object, for scripts and logs. */
    public String toJson() {
        JsonWriter w = JsonWriter.create();
        w.writeStartObject();
        w.writeFieldName("shards").writeStartArray();
        for (ShardCounts s : shards) {
            w.writeStartObject();
            w.writeFieldName("stream").writeValue(s.stream());
            w.writeFieldName("shardId").writeValue(s.shardId());
            w.writeFieldName("recordsAccepted").writeValue(s.recordsAccepted());
            w.writeFieldName("recordsThrottled").writeValue(s.recordsThrottled());
            w.writeFieldName("bytesAccepted").writeValue(s.bytesAccepted());
            w.writeFieldName("getRecordsAllowed").writeValue(s.getRecordsAllowed());
            w.writeFieldName("getRecordsThrottled").writeValue(s.getRecordsThrottled());
            w.writeFieldName("getRecordsViolations").writeValue(s.getRecordsViolations());
            w.writeFieldName("recordsRead").writeValue(s.recordsRead());
            w.writeFieldName("bytesRead").writeValue(s.bytesRead());
            w.writeEndObject();
        }
        w.writeEndArray();
        w.writeFieldName("faults").writeStartObject();
        w.writeFieldName("internalFailures").writeValue(faults.internalFailures());
        w.writeFieldName("entryFailures").writeValue(faults.entryFailures());
        w.writeFieldName("connectionResets").writeValue(faults.connectionResets());
        w.writeFieldName("recordsInLostAnswers").writeValue(faults.recordsInLostAnswers());
        w.writeFieldName("slowResponses").writeValue(faults.slowResponses());
        w.writeEndObject();
        w.writeFieldName("unroutedRecords").writeValue(unroutedRecords);
        w.writeFieldName("unmappedGetRecords").writeValue(unmappedGetRecords);
        w.writeFieldName("errors").writeValue(errors);
        w.writeFieldName("lastError");
        if (lastError == null) {
            w.writeNull();
        } else {
            w.writeValue(lastError);
        }
        w.writeEndObject();
        return new String(w.getBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
