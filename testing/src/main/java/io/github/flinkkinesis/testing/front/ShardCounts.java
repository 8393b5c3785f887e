package io.github.flinkkinesis.testing.front;

/**
 * What a {@link QuotaFront} did on one shard, counted from its start.
 *
 * @param recordsAccepted records within the write quota, forwarded to the server and stored
 * @param recordsThrottled records answered ProvisionedThroughputExceededException
 * @param bytesAccepted data + partition key bytes of the accepted records
 * @param getRecordsAllowed GetRecords calls within the read quota, forwarded
 * @param getRecordsThrottled GetRecords calls answered ProvisionedThroughputExceededException
 * @param getRecordsViolations GetRecords calls made when the client had already made the per-second
 *     number of calls on the shard within the last second (a well-paced client makes none)
 * @param recordsRead records in the answers of allowed GetRecords calls
 * @param bytesRead data bytes in those answers
 */
public record ShardCounts(
        String stream,
        String shardId,
        long recordsAccepted,
        long recordsThrottled,
        long bytesAccepted,
        long getRecordsAllowed,
        long getRecordsThrottled,
        long getRecordsViolations,
        long recordsRead,
        long bytesRead) {}
