-- Writes the demo's events with SQL, each with its user as the Kinesis partition key.
-- 'table.dml-sync' makes the script wait until the INSERT has finished.
SET 'table.dml-sync' = 'true';

INSERT INTO demo.events (event_id, user_name, action, amount, partition_key) VALUES
    (1, 'alice', 'login',    0.00,  'alice'),
    (2, 'bob',   'view',     0.00,  'bob'),
    (3, 'alice', 'purchase', 19.99, 'alice'),
    (4, 'carol', 'login',    0.00,  'carol'),
    (5, 'bob',   'purchase', 5.49,  'bob'),
    (6, 'dave',  'view',     0.00,  'dave'),
    (7, 'carol', 'purchase', 42.00, 'carol'),
    (8, 'alice', 'logout',   0.00,  'alice');
