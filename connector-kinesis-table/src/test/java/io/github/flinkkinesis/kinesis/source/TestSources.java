package io.github.flinkkinesis.kinesis.source;

import io.github.flinkkinesis.kinesis.model.StreamId;
import io.github.flinkkinesis.kinesis.proxy.FakeStreamProxy;
import io.github.flinkkinesis.kinesis.source.kpl.KplDeaggregator;
import io.github.flinkkinesis.kinesis.source.reader.KinesisRecordEmitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.Collector;
import software.amazon.awssdk.services.kinesis.model.Record;

/** Source builders wired to a {@link FakeStreamProxy} for unit tests. */
public final class TestSources {

    private TestSources() {}

    /** A builder for stream "test" reading through {@code proxy}, values as UTF-8 strings. */
    public static KinesisSourceBuilder<String> builder(FakeStreamProxy proxy) {
        return KinesisSource.<String>builder().stream(StreamId.parse("test"))
                .proxyFactory(() -> proxy)
                .deserializer(new Utf8Deserializer());
    }

    /** A record emitter for {@code stream} whose de-aggregation metric goes nowhere. */
    public static <T> KinesisRecordEmitter<T> emitter(
            KinesisDeserializationSchema<T> deserializer, String stream) {
        return new KinesisRecordEmitter<>(
                deserializer, stream, new KplDeaggregator(stream, new UnregisteredMetricsGroup()));
    }

    /** Decodes the record data as UTF-8; "fail" makes it throw like a broken format. */
    public static final class Utf8Deserializer implements KinesisDeserializationSchema<String> {
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
}
