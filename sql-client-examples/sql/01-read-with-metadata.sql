-- Reads a Kinesis stream as a table, with the metadata of every record in columns.
--
-- The demo (../demo.sh) runs this script through the Flink SQL Client after starting a local Kinesis
-- server; it replaces ${KINESIS_ENDPOINT} with that server's address. To run it by hand against AWS,
-- delete the 'aws.endpoint' and credentials lines and set your region and stream:
--   sql-client.sh embedded -j flink-connector-kinesis-table-<version>-sql.jar -f 01-read-with-metadata.sql

-- A bounded read (source.stop.position = LATEST) ends at the records present when the query starts,
-- so the script finishes; drop it for a continuous query.
SET 'execution.runtime-mode' = 'streaming';
SET 'table.display.max-column-width' = '60';

CREATE TABLE demo_events (
    event_id       BIGINT,
    user_name      STRING,
    action         STRING,
    amount         DECIMAL(10, 2),
    arrival_time   TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
    shard_id       STRING METADATA FROM 'shard-id' VIRTUAL,
    sequence_no    STRING METADATA FROM 'sequence-number' VIRTUAL,
    partition_key  STRING METADATA FROM 'partition-key' VIRTUAL
) WITH (
    'connector' = 'kinesis',
    'stream.arn' = 'demo-events',
    'aws.region' = 'us-east-1',
    'aws.endpoint' = '${KINESIS_ENDPOINT}',
    'aws.credentials.provider' = 'BASIC',
    'aws.credentials.basic.accesskeyid' = 'demo',
    'aws.credentials.basic.secretkey' = 'demo',
    'source.init.position' = 'TRIM_HORIZON',
    'source.stop.position' = 'LATEST',
    'format' = 'json'
);

SELECT event_id, user_name, action, amount, shard_id, partition_key, sequence_no, arrival_time
FROM demo_events;
