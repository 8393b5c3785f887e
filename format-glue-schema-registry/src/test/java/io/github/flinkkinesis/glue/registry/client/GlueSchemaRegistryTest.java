package io.github.flinkkinesis.glue.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.glue.registry.GlueSchemaRegistryOptions.Compatibility;
import io.github.flinkkinesis.glue.registry.testutil.fakes.ScriptedGlueClient;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.CreateSchemaResponse;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetSchemaVersionResponse;
import software.amazon.awssdk.services.glue.model.RegisterSchemaVersionResponse;
import software.amazon.awssdk.services.glue.model.SchemaVersionStatus;

/**
 * The Glue seam's answers to what moto does not do (access denied, compatibility refusals, PENDING
 * versions, a schema created concurrently), with a scripted Glue client.
 */
class GlueSchemaRegistryTest {

    private static final UUID ID = UUID.fromString("6f1c1d0e-5d5a-4d1c-9a55-0b1e0c8f7a21");

    private final ScriptedGlueClient glue = new ScriptedGlueClient();
    private final GlueSchemaRegistry registry = GlueSchemaRegistry.of(glue, "region us-east-1");

    private static GetSchemaVersionResponse status(SchemaVersionStatus status) {
        return GetSchemaVersionResponse.builder()
                .schemaVersionId(ID.toString())
                .status(status)
                .build();
    }

    @Test
    void accessDeniedNamesTheActionToAllow() {
        glue.getSchemaVersion.add(
                ScriptedGlueClient.error(AccessDeniedException.builder(), "AccessDeniedException"));
        assertThatThrownBy(() -> registry.version("reg", "orders", OptionalInt.empty()))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessage(
                        "The Glue Schema Registry denied glue:GetSchemaVersion on schema 'orders'"
                                + " of registry 'reg': allow glue:GetSchemaVersion on the registry"
                                + " and schema to the credentials of the job (the table's 'aws.*'"
                                + " options or the format's own).");
    }

    @Test
    void rejectedCredentialsGetTheCommonAdvice() {
        glue.getSchemaByDefinition.add(
                ScriptedGlueClient.error(
                        software.amazon.awssdk.services.glue.model.GlueException.builder(),
                        "UnrecognizedClientException"));
        assertThatThrownBy(() -> registry.find("reg", "orders", "{}"))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("rejected the AWS credentials")
                .hasMessageContaining("'aws.credentials.provider'");
    }

    @Test
    void anUnknownVersionIdIsTheRecordsFaultAndAMissingSchemaIsEmpty() {
        glue.getSchemaVersion.add(
                ScriptedGlueClient.error(
                        EntityNotFoundException.builder(), "EntityNotFoundException"));
        assertThatThrownBy(() -> registry.definition(ID))
                .isInstanceOf(SchemaVersionNotFoundException.class)
                .hasMessageContaining("schema version id " + ID);

        glue.getSchemaVersion.add(
                ScriptedGlueClient.error(
                        EntityNotFoundException.builder(), "EntityNotFoundException"));
        assertThat(registry.version("reg", "orders", OptionalInt.of(2))).isEmpty();
        assertThat(glue.calls.get(1)).contains("VersionNumber=2");
    }

    @Test
    void aNewSchemaIsCreatedWithTheCompatibilityAndAwaitedWhilePending() {
        glue.registerSchemaVersion.add(
                ScriptedGlueClient.error(
                        EntityNotFoundException.builder(), "EntityNotFoundException"));
        glue.createSchema.add(
                CreateSchemaResponse.builder().schemaVersionId(ID.toString()).build());
        glue.getSchemaVersion.add(status(SchemaVersionStatus.PENDING));
        glue.getSchemaVersion.add(status(SchemaVersionStatus.AVAILABLE));

        assertThat(registry.register("reg", "orders", "AVRO", "{}", Compatibility.FULL_ALL))
                .isEqualTo(ID);
        assertThat(glue.calls)
                .containsExactly(
                        "RegisterSchemaVersion",
                        "CreateSchema FULL_ALL",
                        "GetSchemaVersion GetSchemaVersionRequest(SchemaVersionId=" + ID + ")",
                        "GetSchemaVersion GetSchemaVersionRequest(SchemaVersionId=" + ID + ")");
    }

    @Test
    void aVersionGlueRefusesForCompatibilityFailsSayingSo() {
        glue.registerSchemaVersion.add(
                RegisterSchemaVersionResponse.builder().schemaVersionId(ID.toString()).build());
        glue.getSchemaVersion.add(status(SchemaVersionStatus.FAILURE));

        assertThatThrownBy(
                        () ->
                                registry.register(
                                        "reg", "orders", "AVRO", "{}", Compatibility.BACKWARD))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("refused the table's schema")
                .hasMessageContaining("status FAILURE")
                .hasMessageContaining("compatibility");
    }

    @Test
    void aSchemaCreatedConcurrentlyGetsOurDefinitionAsAVersion() {
        glue.registerSchemaVersion.add(
                ScriptedGlueClient.error(
                        EntityNotFoundException.builder(), "EntityNotFoundException"));
        glue.createSchema.add(
                ScriptedGlueClient.error(
                        AlreadyExistsException.builder(), "AlreadyExistsException"));
        glue.registerSchemaVersion.add(
                RegisterSchemaVersionResponse.builder().schemaVersionId(ID.toString()).build());
        glue.getSchemaVersion.add(status(SchemaVersionStatus.AVAILABLE));

        assertThat(registry.register("reg", "orders", "AVRO", "{}", Compatibility.NONE))
                .isEqualTo(ID);
    }
}
