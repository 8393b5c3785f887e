package io.github.flinkkinesis.glue.registry.testutil;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.schemaregistry.common.AWSDeserializerInput;
import com.amazonaws.services.schemaregistry.common.AWSSerializerInput;
import com.amazonaws.services.schemaregistry.deserializers.GlueSchemaRegistryDeserializationFacade;
import com.amazonaws.services.schemaregistry.serializers.GlueSchemaRegistrySerializationFacade;
import io.github.flinkkinesis.aws.AwsClients;
import io.github.flinkkinesis.aws.AwsConfig;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.DataFormat;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Test-side access to the local servers as a producer application would use them: Kinesis
 * (kinesalite) with the SDK, the Glue Schema Registry (moto) with the SDK and with AWS's own serde
 * library, the reference of the wire format.
 */
public final class LocalAws implements AutoCloseable {

    public static final String REGION = "us-east-1";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final URI kinesisEndpoint;
    private final URI glueEndpoint;
    private final KinesisClient kinesis;
    private final GlueClient glue;

    public LocalAws(URI kinesisEndpoint, URI glueEndpoint) {
        this.kinesisEndpoint = kinesisEndpoint;
        this.glueEndpoint = glueEndpoint;
        this.kinesis =
                AwsClients.configure(KinesisClient.builder(), config(kinesisEndpoint))
                        .httpClient(AwsClients.syncHttpClient(config(kinesisEndpoint)))
                        .build();
        this.glue =
                AwsClients.configure(GlueClient.builder(), config(glueEndpoint))
                        .httpClient(AwsClients.syncHttpClient(config(glueEndpoint)))
                        .build();
    }

    /** The table options of a connection to {@code endpoint} with the fake test credentials. */
    public static Map<String, String> awsOptions(URI endpoint) {
        return Map.of(
                "aws.region", REGION,
                "aws.endpoint", endpoint.toString(),
                "aws.credentials.provider", "BASIC",
                "aws.credentials.basic.accesskeyid", "AKIDTEST",
                "aws.credentials.basic.secretkey", "test");
    }

    private static AwsConfig config(URI endpoint) {
        return AwsConfig.fromMap(awsOptions(endpoint));
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + System.nanoTime() % 1_000_000 + "-" + COUNTER.incrementAndGet();
    }

    public GlueClient glue() {
        return glue;
    }

    public String createRegistry(String name) {
        glue.createRegistry(r -> r.registryName(name));
        return name;
    }

    /** Creates the schema with its first version; returns that version's id. */
    public UUID createSchema(String registry, String schema, String definition) {
        return UUID.fromString(
                glue.createSchema(
                                r ->
                                        r.registryId(b -> b.registryName(registry))
                                                .schemaName(schema)
                                                .dataFormat(DataFormat.AVRO)
                                                .compatibility("BACKWARD")
                                                .schemaDefinition(definition))
                        .schemaVersionId());
    }

    public void createStream(String stream) throws InterruptedException {
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (kinesis.describeStreamSummary(r -> r.streamName(stream))
                        .streamDescriptionSummary()
                        .streamStatus()
                != StreamStatus.ACTIVE) {
            assertThat(System.nanoTime()).as("stream active within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Puts one record; returns its sequence number. */
    public String put(String stream, String partitionKey, byte[] data) {
        PutRecordResponse response =
                kinesis.putRecord(
                        r ->
                                r.streamName(stream)
                                        .partitionKey(partitionKey)
                                        .data(SdkBytes.fromByteArray(data)));
        return response.sequenceNumber();
    }

    /** Every record of the (one-shard) stream, in order, read with GetRecords. */
    public List<Record> readAll(String stream) {
        List<Record> records = new ArrayList<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            String iterator =
                    kinesis.getShardIterator(
                                    r ->
                                            r.streamName(stream)
                                                    .shardId(shard.shardId())
                                                    .shardIteratorType(
                                                            ShardIteratorType.TRIM_HORIZON))
                            .shardIterator();
            while (iterator != null) {
                String current = iterator;
                var response = kinesis.getRecords(r -> r.shardIterator(current));
                records.addAll(response.records());
                if (response.records().isEmpty()) {
                    break;
                }
                iterator = response.nextShardIterator();
            }
        }
        return records;
    }

    /** The shard id of the one-shard stream. */
    public String onlyShard(String stream) {
        return kinesis.listShards(r -> r.streamName(stream)).shards().get(0).shardId();
    }

    private Map<String, Object> libraryConfig(String registry, String schema, String compression) {
        Map<String, Object> config = new HashMap<>();
        config.put("endpoint", glueEndpoint.toString());
        config.put("region", REGION);
        config.put("registry.name", registry);
        config.put("schemaName", schema);
        config.put("dataFormat", "AVRO");
        config.put("schemaAutoRegistrationEnabled", "true");
        config.put("compression", compression);
        config.put("avroRecordType", "GENERIC_RECORD");
        return config;
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test"));
    }

    /**
     * Encodes {@code record} as a producer with AWS's serde library does: the library registers (or
     * finds) the schema version and frames the Avro bytes.
     *
     * @param compression {@code NONE} or {@code ZLIB}
     */
    public byte[] libraryEncode(
            String registry, String schema, GenericRecord record, String compression) {
        GlueSchemaRegistrySerializationFacade facade =
                GlueSchemaRegistrySerializationFacade.builder()
                        .configs(libraryConfig(registry, schema, compression))
                        .credentialProvider(credentials())
                        .build();
        UUID version =
                facade.getOrRegisterSchemaVersion(
                        AWSSerializerInput.builder()
                                .schemaDefinition(record.getSchema().toString())
                                .schemaName(schema)
                                .dataFormat("AVRO")
                                .transportName("kinesis")
                                .build());
        return facade.serialize(
                software.amazon.awssdk.services.glue.model.DataFormat.AVRO, record, version);
    }

    /** Decodes a framed record with AWS's serde library, as a consumer application would. */
    public GenericRecord libraryDecode(String registry, String schema, byte[] framed) {
        try (GlueSchemaRegistryDeserializationFacade facade =
                GlueSchemaRegistryDeserializationFacade.builder()
                        .configs(libraryConfig(registry, schema, "NONE"))
                        .credentialProvider(credentials())
                        .build()) {
            return (GenericRecord)
                    facade.deserialize(
                            AWSDeserializerInput.builder()
                                    .buffer(ByteBuffer.wrap(framed))
                                    .transportName("kinesis")
                                    .build());
        }
    }

    /** The schema a record of {@code framed} names, as the library reads it. */
    public Schema libraryWriterSchema(String registry, String schema, byte[] framed) {
        try (GlueSchemaRegistryDeserializationFacade facade =
                GlueSchemaRegistryDeserializationFacade.builder()
                        .configs(libraryConfig(registry, schema, "NONE"))
                        .credentialProvider(credentials())
                        .build()) {
            return new Schema.Parser().parse(facade.getSchemaDefinition(framed));
        }
    }

    public URI kinesisEndpoint() {
        return kinesisEndpoint;
    }

    public URI glueEndpoint() {
        return glueEndpoint;
    }

    @Override
    public void close() {
        kinesis.close();
        glue.close();
    }
}
