package io.github.flinkkinesis.glue.registry.client;

import io.github.flinkkinesis.aws.AwsClients;
import io.github.flinkkinesis.aws.AwsConfig;
import io.github.flinkkinesis.aws.AwsFailures;
import io.github.flinkkinesis.glue.registry.GlueSchemaRegistryOptions.Compatibility;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.apache.flink.annotation.Internal;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.DataFormat;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetSchemaVersionResponse;
import software.amazon.awssdk.services.glue.model.SchemaId;
import software.amazon.awssdk.services.glue.model.SchemaVersionNumber;
import software.amazon.awssdk.services.glue.model.SchemaVersionStatus;

/**
 * The {@link SchemaRegistry} on AWS Glue: the only class of the formats that calls Glue. Failures
 * the user must fix become {@link SchemaRegistryException}s naming the IAM action, the registry and
 * schema and the option to check.
 *
 * <p>Lifecycle: one per open format instance; {@link #close()} closes the client and the HTTP
 * client it built (nothing for a client given to {@link #of}).
 */
@Internal
public final class GlueSchemaRegistry implements SchemaRegistry {

    /** How long a new version may stay PENDING (Glue checks compatibility) before we give up. */
    private static final int PENDING_POLLS = 50;

    private static final long PENDING_POLL_MILLIS = 200;

    private final GlueClient glue;
    private final SdkHttpClient http;
    private final String where;

    private GlueSchemaRegistry(GlueClient glue, SdkHttpClient http, String where) {
        this.glue = glue;
        this.http = http;
        this.where = where;
    }

    /** A registry client built like every other client of this project (aws-common). */
    public static GlueSchemaRegistry create(AwsConfig aws) {
        SdkHttpClient http = AwsClients.syncHttpClient(aws);
        try {
            GlueClient glue =
                    AwsClients.configure(GlueClient.builder(), aws).httpClient(http).build();
            String where =
                    aws.endpoint()
                            .map(uri -> "endpoint " + uri)
                            .orElse("region " + AwsClients.region(aws));
            return new GlueSchemaRegistry(glue, http, where);
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    /** A registry around a client the caller owns and closes (tests: a scripted Glue). */
    static GlueSchemaRegistry of(GlueClient glue, String where) {
        return new GlueSchemaRegistry(glue, null, where);
    }

    /** The factory that ships {@code aws} to the task managers. */
    public static Factory factory(AwsConfig aws) {
        return new GlueFactory(aws);
    }

    /**
     * A named class, not a lambda: a serialized lambda names its signature in a string the SQL
     * jar's relocation does not rewrite, so it would not deserialize on the task managers.
     */
    private static final class GlueFactory implements Factory {
        private static final long serialVersionUID = 1L;
        private final AwsConfig aws;

        GlueFactory(AwsConfig aws) {
            this.aws = aws;
        }

        @Override
        public SchemaRegistry create() {
            return GlueSchemaRegistry.create(aws);
        }
    }

    @Override
    public String definition(UUID schemaVersionId) {
        try {
            return glue.getSchemaVersion(r -> r.schemaVersionId(schemaVersionId.toString()))
                    .schemaDefinition();
        } catch (EntityNotFoundException e) {
            throw new SchemaVersionNotFoundException(schemaVersionId, where);
        } catch (SdkException e) {
            throw failure(e, "GetSchemaVersion", "schema version id " + schemaVersionId);
        }
    }

    @Override
    public Optional<RegisteredSchema> version(
            String registry, String schema, OptionalInt versionNumber) {
        SchemaVersionNumber number =
                versionNumber.isPresent()
                        ? SchemaVersionNumber.builder()
                                .versionNumber((long) versionNumber.getAsInt())
                                .build()
                        : SchemaVersionNumber.builder().latestVersion(true).build();
        try {
            GetSchemaVersionResponse response =
                    glue.getSchemaVersion(
                            r -> r.schemaId(id(registry, schema)).schemaVersionNumber(number));
            return Optional.of(
                    new RegisteredSchema(
                            UUID.fromString(response.schemaVersionId()),
                            response.versionNumber() == null ? 0 : response.versionNumber(),
                            response.schemaDefinition()));
        } catch (EntityNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure(e, "GetSchemaVersion", describe(registry, schema));
        }
    }

    @Override
    public Optional<UUID> find(String registry, String schema, String definition) {
        try {
            var response =
                    glue.getSchemaByDefinition(
                            r -> r.schemaId(id(registry, schema)).schemaDefinition(definition));
            return Optional.of(UUID.fromString(response.schemaVersionId()));
        } catch (EntityNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure(e, "GetSchemaByDefinition", describe(registry, schema));
        }
    }

    @Override
    public UUID register(
            String registry,
            String schema,
            String dataFormat,
            String definition,
            Compatibility compatibility) {
        String id;
        try {
            id =
                    glue.registerSchemaVersion(
                                    r ->
                                            r.schemaId(id(registry, schema))
                                                    .schemaDefinition(definition))
                            .schemaVersionId();
        } catch (EntityNotFoundException schemaMissing) {
            id = create(registry, schema, dataFormat, definition, compatibility);
        } catch (SdkException e) {
            throw failure(e, "RegisterSchemaVersion", describe(registry, schema));
        }
        return awaitAvailable(UUID.fromString(id), registry, schema);
    }

    private String create(
            String registry,
            String schema,
            String dataFormat,
            String definition,
            Compatibility compatibility) {
        try {
            return glue.createSchema(
                            r ->
                                    r.registryId(b -> b.registryName(registry))
                                            .schemaName(schema)
                                            .dataFormat(DataFormat.fromValue(dataFormat))
                                            .compatibility(compatibility.name())
                                            .schemaDefinition(definition))
                    .schemaVersionId();
        } catch (AlreadyExistsException raced) {
            // another writer created it a moment ago: our definition is a version of it now
            try {
                return glue.registerSchemaVersion(
                                r -> r.schemaId(id(registry, schema)).schemaDefinition(definition))
                        .schemaVersionId();
            } catch (SdkException e) {
                throw failure(e, "RegisterSchemaVersion", describe(registry, schema));
            }
        } catch (EntityNotFoundException e) {
            throw new SchemaRegistryException(
                    "The Glue Schema Registry '"
                            + registry
                            + "' does not exist at "
                            + where
                            + ": create it (aws glue create-registry --registry-name "
                            + registry
                            + ") or check options 'avro-glue.registry.name' and"
                            + " 'avro-glue.aws.region'.",
                    e);
        } catch (SdkException e) {
            throw failure(e, "CreateSchema", describe(registry, schema));
        }
    }

    private UUID awaitAvailable(UUID versionId, String registry, String schema) {
        for (int i = 0; i < PENDING_POLLS; i++) {
            SchemaVersionStatus status;
            try {
                status =
                        glue.getSchemaVersion(r -> r.schemaVersionId(versionId.toString()))
                                .status();
            } catch (SdkException e) {
                throw failure(e, "GetSchemaVersion", describe(registry, schema));
            }
            if (status == null || status == SchemaVersionStatus.AVAILABLE) {
                return versionId;
            }
            if (status != SchemaVersionStatus.PENDING) {
                throw new SchemaRegistryException(
                        "The Glue Schema Registry refused the table's schema as a new version of "
                                + describe(registry, schema)
                                + " (status "
                                + status
                                + "): it is not compatible with the schema's compatibility mode;"
                                + " change the table or the schema's compatibility.",
                        null);
            }
            try {
                Thread.sleep(PENDING_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while registering a schema", e);
            }
        }
        throw new SchemaRegistryException(
                "Schema version "
                        + versionId
                        + " of "
                        + describe(registry, schema)
                        + " stayed PENDING for "
                        + PENDING_POLLS * PENDING_POLL_MILLIS / 1000
                        + " s.",
                null);
    }

    private RuntimeException failure(SdkException e, String action, String what) {
        if (e instanceof AccessDeniedException
                || "AccessDeniedException".equals(AwsFailures.errorCode(e))) {
            return new SchemaRegistryException(
                    "The Glue Schema Registry denied glue:"
                            + action
                            + " on "
                            + what
                            + ": allow glue:"
                            + action
                            + " on the registry and schema to the credentials of the job (the"
                            + " table's 'aws.*' options or the format's own).",
                    e);
        }
        Optional<String> advice = AwsFailures.advice(e, "Glue Schema Registry");
        if (advice.isPresent()) {
            return new SchemaRegistryException(advice.get(), e);
        }
        String detail =
                e instanceof AwsServiceException
                                && ((AwsServiceException) e).awsErrorDetails() != null
                        ? ((AwsServiceException) e).awsErrorDetails().errorMessage()
                        : e.getMessage();
        return new SchemaRegistryException(
                "Glue Schema Registry call " + action + " on " + what + " failed: " + detail, e);
    }

    private static SchemaId id(String registry, String schema) {
        return SchemaId.builder().registryName(registry).schemaName(schema).build();
    }

    private static String describe(String registry, String schema) {
        return "schema '" + schema + "' of registry '" + registry + "'";
    }

    @Override
    public void close() {
        if (http == null) {
            return; // the caller's client
        }
        try {
            glue.close();
        } finally {
            http.close();
        }
    }
}
