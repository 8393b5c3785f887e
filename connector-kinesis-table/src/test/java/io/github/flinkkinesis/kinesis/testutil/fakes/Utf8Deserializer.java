package io.github.flinkkinesis.kinesis.testutil.fakes;

import io.github.flinkkinesis.kinesis.source.KinesisDeserializationSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;
import software.amazon.awssdk.services.kinesis.model.Record;

/** Decodes the record data as UTF-8; "fail" makes it throw like a broken format. */
public final class Utf8Deserializer implements KinesisDeserializationSchema<String> {
    @Override
    public void deserialize(Record record, String stream, String shardId, Collector<String> out)
            throws IOException {
        String value = record.data().asString(StandardCharsets.UTF_8);
        if (value.equals("fail")) {
            throw new IOException("not a valid value");
        }
        out.collect(value);
    }

    @Override
    public TypeInformation<String> getProducedType() {
        return Types.STRING;
    }
}
