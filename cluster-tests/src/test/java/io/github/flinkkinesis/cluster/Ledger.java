package io.github.flinkkinesis.cluster;

import io.github.flinkkinesis.cluster.StreamReader.KinesisRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a pipeline run put into its input stream against what its job wrote to the output stream:
 * the ids lost, the ids written more than once, and output rows whose metadata columns differ from
 * what GetRecords reports for their input record.
 */
final class Ledger {

    private final long put;
    private final String inputStream;
    private final Map<Long, KinesisRecord> input = new HashMap<>();
    private final List<String> inputProblems = new ArrayList<>();
    private final List<OutputRow> output;
    private final Map<Long, Integer> copies = new TreeMap<>();

    /**
     * @param put the producer put ids 0 to {@code put} - 1
     * @param inputStream the input stream's name, expected in the {@code stream} metadata column
     * @param inputRecords every record of the input stream, read with GetRecords
     * @param output every row of the output stream, duplicates included
     */
    Ledger(long put, String inputStream, List<KinesisRecord> inputRecords, List<OutputRow> output) {
        this.put = put;
        this.inputStream = inputStream;
        this.output = List.copyOf(output);
        for (KinesisRecord r : inputRecords) {
            long id = Long.parseLong(r.data().replaceAll("^\\{\"id\":(\\d+),.*", "$1"));
            if (input.containsKey(id)) {
                inputProblems.add("id " + id + " is twice in the input stream");
            }
            this.input.put(id, r);
        }
        if (this.input.size() != put) {
            inputProblems.add(
                    "the input stream holds "
                            + this.input.size()
                            + " ids, the producer put "
                            + put);
        }
        for (OutputRow row : output) {
            copies.merge(row.id(), 1, Integer::sum);
        }
    }

    /** Sanity of the test itself: the input stream holds each id the producer put, once. */
    List<String> inputProblems() {
        return inputProblems;
    }

    /** Ids put into the input that never reached the output. */
    TreeSet<Long> lost() {
        TreeSet<Long> lost = new TreeSet<>();
        for (long id = 0; id < put; id++) {
            if (!copies.containsKey(id)) {
                lost.add(id);
            }
        }
        return lost;
    }

    /** Ids in the output that were never put (would be a corrupted row). */
    TreeSet<Long> unexpected() {
        TreeSet<Long> unexpected = new TreeSet<>();
        copies.keySet().stream().filter(id -> !input.containsKey(id)).forEach(unexpected::add);
        return unexpected;
    }

    /** Output rows beyond the first of their id. */
    long duplicates() {
        return output.size() - copies.size();
    }

    /** The ids written more than once, with their number of copies. */
    Map<Long, Integer> duplicated() {
        Map<Long, Integer> d = new TreeMap<>();
        copies.forEach(
                (id, n) -> {
                    if (n > 1) {
                        d.put(id, n);
                    }
                });
        return d;
    }

    /**
     * Every output row (each copy) whose metadata columns differ from its input record as
     * GetRecords reports it: shard id, sequence number, partition key, arrival time (to the
     * millisecond, the precision of {@code TIMESTAMP_LTZ(3)}), stream name, no sub-sequence number
     * (the records are not KPL aggregates); and whose payload or output partition key (the input's
     * key, written with the {@code partition-key} metadata column) differ.
     */
    List<String> metadataMismatches() {
        List<String> mismatches = new ArrayList<>();
        for (OutputRow row : output) {
            KinesisRecord in = input.get(row.id());
            if (in == null) {
                continue; // reported by unexpected()
            }
            Instant arrival = in.arrival().truncatedTo(ChronoUnit.MILLIS);
            boolean same =
                    row.srcShardId().equals(in.shardId())
                            && row.srcSequenceNumber().equals(in.sequenceNumber())
                            && row.srcPartitionKey().equals(in.partitionKey())
                            && row.srcArrival().equals(arrival)
                            && row.srcStream().equals(inputStream)
                            && row.srcSubSequenceNumber() == null
                            && row.payload().equals("record-" + row.id())
                            && Objects.equals(row.outputPartitionKey(), in.partitionKey());
            if (!same) {
                mismatches.add(
                        "id "
                                + row.id()
                                + ": output "
                                + row
                                + " but GetRecords reports shard "
                                + in.shardId()
                                + ", sequence number "
                                + in.sequenceNumber()
                                + ", partition key "
                                + in.partitionKey()
                                + ", arrival "
                                + arrival);
            }
        }
        return mismatches;
    }

    @Override
    public String toString() {
        return "records in "
                + put
                + ", rows out "
                + output.size()
                + " ("
                + copies.size()
                + " distinct ids), lost "
                + lost().size()
                + ", duplicates "
                + duplicates();
    }
}
