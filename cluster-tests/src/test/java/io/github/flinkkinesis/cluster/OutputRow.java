package io.github.flinkkinesis.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flinkkinesis.cluster.StreamReader.KinesisRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * One row the job wrote to the output stream ({@code events_out} in {@code
 * kinesis-to-kinesis.sql}): the input record's id and payload, and the metadata the source reported
 * for it, with the time the test first saw the row in the output stream.
 */
record OutputRow(
        long id,
        String payload,
        String srcShardId,
        String srcSequenceNumber,
        String srcPartitionKey,
        Instant srcArrival,
        String srcStream,
        Long srcSubSequenceNumber,
        String outputPartitionKey,
        Instant seenAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Decodes the JSON the job's sink wrote ({@code json.timestamp-format.standard} ISO-8601). */
    static OutputRow of(KinesisRecord record) {
        JsonNode row;
        try {
            row = JSON.readTree(record.data());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON in the output stream: " + record.data(), e);
        }
        JsonNode subSequence = row.path("src_sub_seq");
        return new OutputRow(
                row.path("id").asLong(),
                row.path("payload").asText(),
                row.path("src_shard_id").asText(),
                row.path("src_seq").asText(),
                row.path("src_partition_key").asText(),
                Instant.parse(row.path("src_arrival").asText()),
                row.path("src_stream").asText(),
                subSequence.isNull() || subSequence.isMissingNode() ? null : subSequence.asLong(),
                record.partitionKey(),
                record.seenAt());
    }
}
