-- Creates the Glue catalog and keeps the demo's Kinesis table in it.
--
-- The demo (../demo.sh) runs this script first, in its own SQL Client session, against a local Glue
-- server (moto) and a local Kinesis server; it replaces ${GLUE_ENDPOINT} and ${KINESIS_ENDPOINT} with
-- their addresses. The next script is a new session that only creates the catalog and finds the
-- table in Glue, exactly as declared here. Against AWS, delete the endpoint and credentials lines:
--   sql-client.sh embedded -j flink-connector-kinesis-table-<version>-sql.jar \
--       -j flink-catalog-glue-<version>-sql.jar -f 00-glue-catalog.sql

-- Kinesis tables inherit region and credentials from the catalog; the catalog's aws.endpoint is Glue's,
-- so the tables' Kinesis endpoint comes from a table default.
CREATE CATALOG glue WITH (
    'type' = 'glue',
    'aws.region' = 'us-east-1',
    'aws.endpoint' = '${GLUE_ENDPOINT}',
    'aws.credentials.provider' = 'BASIC',
    'aws.credentials.basic.accesskeyid' = 'demo',
    'aws.credentials.basic.secretkey' = 'demo',
    'table-defaults.aws.endpoint' = '${KINESIS_ENDPOINT}'
);

CREATE DATABASE IF NOT EXISTS glue.demo COMMENT 'the demo''s Kinesis streams';

-- Only the stream and the format: region, credentials and endpoint come from the catalog and are
-- not stored in Glue. A bounded read (source.stop.position = LATEST) lets the next script finish.
CREATE TABLE IF NOT EXISTS glue.demo.demo_events (
    event_id       BIGINT,
    user_name      STRING,
    action         STRING,
    amount         DECIMAL(10, 2),
    arrival_time   TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
    shard_id       STRING METADATA FROM 'shard-id' VIRTUAL,
    sequence_no    STRING METADATA FROM 'sequence-number' VIRTUAL,
    partition_key  STRING METADATA FROM 'partition-key' VIRTUAL,
    WATERMARK FOR arrival_time AS arrival_time - INTERVAL '5' SECOND
) COMMENT 'sample shop events' WITH (
    'connector' = 'kinesis',
    'stream.arn' = 'demo-events',
    'source.init.position' = 'TRIM_HORIZON',
    'source.stop.position' = 'LATEST',
    'format' = 'json'
);

SHOW TABLES IN glue.demo;
