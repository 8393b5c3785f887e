-- The cluster test's job: Kinesis to Kinesis, each output row carrying the metadata of the input
-- record it came from. KinesisPipeline (used by the test and by run-cluster.sh) fills in the
-- stream names, and puts a SET of execution.savepoint.path in front of this script for a job that
-- resumes from a savepoint. The tables name no region, credentials or endpoint: the cluster's
-- processes take them from their environment (AWS_REGION, AWS_ACCESS_KEY_ID and
-- AWS_SECRET_ACCESS_KEY, AWS_ENDPOINT_URL_KINESIS), as on AWS they would from their role.
SET 'pipeline.name' = 'kinesis-to-kinesis ${IN_STREAM} to ${OUT_STREAM}';
-- a job setting (the folder checkpoints go to is the cluster's)
SET 'execution.checkpointing.interval' = '1s';

CREATE TABLE events_in (
    id             BIGINT,
    payload        STRING,
    arrival        TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
    shard_id       STRING METADATA FROM 'shard-id' VIRTUAL,
    seq            STRING METADATA FROM 'sequence-number' VIRTUAL,
    partition_key  STRING METADATA FROM 'partition-key' VIRTUAL,
    stream_name    STRING METADATA FROM 'stream' VIRTUAL,
    sub_seq        BIGINT METADATA FROM 'sub-sequence-number' VIRTUAL
) WITH (
    'connector' = 'kinesis',
    'stream.arn' = '${IN_STREAM}',
    'format' = 'json',
    -- a restart that ignored the checkpoint would read every record again
    'source.init.position' = 'TRIM_HORIZON'
);

-- the input's metadata as plain columns, and its partition key as the output's
CREATE TABLE events_out (
    id                 BIGINT,
    payload            STRING,
    src_shard_id       STRING,
    src_seq            STRING,
    src_partition_key  STRING,
    src_arrival        TIMESTAMP_LTZ(3),
    src_stream         STRING,
    src_sub_seq        BIGINT,
    out_key            STRING METADATA FROM 'partition-key'
) WITH (
    'connector' = 'kinesis',
    'stream.arn' = '${OUT_STREAM}',
    'format' = 'json',
    -- instants as 2024-01-02T03:04:05.678Z, whatever the session time zone
    'json.timestamp-format.standard' = 'ISO-8601'
);

INSERT INTO events_out
SELECT id, payload, shard_id, seq, partition_key, arrival, stream_name, sub_seq, partition_key
FROM events_in;
