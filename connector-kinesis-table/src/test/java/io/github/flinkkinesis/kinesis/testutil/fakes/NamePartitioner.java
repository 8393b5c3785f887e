package io.github.flinkkinesis.kinesis.testutil.fakes;

import io.github.flinkkinesis.kinesis.sink.partitioner.KinesisPartitioner;
import org.apache.flink.table.data.RowData;

/** A custom partitioner for tests: the key is "name-" plus the row's second field. */
public class NamePartitioner implements KinesisPartitioner<RowData> {

    private static final long serialVersionUID = 1L;

    @Override
    public String getPartitionKey(RowData row) {
        return "name-" + row.getString(1);
    }
}
