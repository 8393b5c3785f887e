-- Reads a Kinesis stream as a table, with the metadata of every record in columns.
--
-- The demo (../demo.sh) runs this script through the Flink SQL Client after 00-glue-catalog.sql, in a
-- new session: the table comes from the Glue catalog (a local Glue server, moto), exactly as the
-- first session declared it; the demo replaces ${GLUE_ENDPOINT} and ${KINESIS_ENDPOINT} with the local
-- servers' addresses. Against AWS, delete the endpoint and credentials lines and set your region:
--   sql-client.sh embedded -j flink-connector-kinesis-table-<version>-sql.jar \
--       -j flink-catalog-glue-<version>-sql.jar -f 01-read-with-metadata.sql

-- The table reads a bounded range (source.stop.position = LATEST in 00-glue-catalog.sql): the query
-- ends at the records present when it starts, so the script finishes.
SET 'execution.runtime-mode' = 'streaming';
SET 'table.display.max-column-width' = '60';

CREATE CATALOG glue WITH (
    'type' = 'glue',
    'aws.region' = 'us-east-1',
    'aws.endpoint' = '${GLUE_ENDPOINT}',
    'aws.credentials.provider' = 'BASIC',
    'aws.credentials.basic.accesskeyid' = 'demo',
    'aws.credentials.basic.secretkey' = 'demo',
    'table-defaults.aws.endpoint' = '${KINESIS_ENDPOINT}'
);

SELECT event_id, user_name, action, amount, shard_id, partition_key, sequence_no, arrival_time
FROM glue.demo.demo_events;
