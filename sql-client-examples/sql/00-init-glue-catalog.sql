-- Session initialization (sql-client.sh -i 00-init-glue-catalog.sql ...): the Glue catalog that keeps
-- the demo's tables. Every later session that runs this sees the same tables, exactly as declared.
--
-- The demo replaces ${GLUE_ENDPOINT} and ${KINESIS_ENDPOINT} with its local servers. Against AWS, keep
-- only 'type' and 'aws.region' (credentials come from the default chain) and drop the endpoints.
CREATE CATALOG glue WITH (
    'type' = 'glue',
    'aws.region' = 'us-east-1',
    'aws.endpoint' = '${GLUE_ENDPOINT}',
    'aws.credentials.provider' = 'BASIC',
    'aws.credentials.basic.accesskeyid' = 'demo',
    'aws.credentials.basic.secretkey' = 'demo',
    -- tables inherit the catalog's region and credentials; this gives them the local Kinesis endpoint
    'table-defaults.aws.endpoint' = '${KINESIS_ENDPOINT}'
);

USE CATALOG glue;
