-- Creates the demo's Kinesis table once, in the Glue catalog. Its DDL names only the stream and the
-- format: region, credentials and endpoint come from the catalog, and are not copied into Glue.
CREATE DATABASE IF NOT EXISTS demo COMMENT 'Flink Kinesis demo';

CREATE TABLE IF NOT EXISTS demo.events (
    event_id       BIGINT,
    user_name      STRING,
    action         STRING,
    amount         DECIMAL(10, 2),
    -- readable and writable: written as the record's partition key, read back from it
    partition_key  STRING METADATA FROM 'partition-key',
    -- read-only metadata of every record
    arrival_time   TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
    shard_id       STRING METADATA FROM 'shard-id' VIRTUAL,
    sequence_no    STRING METADATA FROM 'sequence-number' VIRTUAL,
    -- index of a user record in a KPL aggregated record; NULL for records the KPL did not
    -- aggregate (such as these, written by Flink)
    sub_sequence_no BIGINT METADATA FROM 'sub-sequence-number' VIRTUAL,
    WATERMARK FOR arrival_time AS arrival_time - INTERVAL '5' SECOND
) COMMENT 'Demo events, one JSON object per Kinesis record'
WITH (
    'connector' = 'kinesis',
    'stream.arn' = 'demo-events',
    'format' = 'json'
);

SHOW TABLES FROM demo;
