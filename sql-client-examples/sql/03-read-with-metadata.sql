-- Reads the stream back through the table stored in Glue, with the metadata of every record.
-- The hints make this read bounded (from the oldest record to the latest one at query start), so the
-- script ends; without them the query runs continuously from the latest position.
SET 'table.display.max-column-width' = '60';

SELECT event_id, user_name, action, amount, shard_id, partition_key, sequence_no, arrival_time,
       sub_sequence_no
FROM demo.events /*+ OPTIONS('source.init.position' = 'TRIM_HORIZON', 'source.stop.position' = 'LATEST') */;
