package io.github.flinkkinesis.glue.registry.testutil.fakes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.CreateSchemaRequest;
import software.amazon.awssdk.services.glue.model.CreateSchemaResponse;
import software.amazon.awssdk.services.glue.model.GetSchemaByDefinitionRequest;
import software.amazon.awssdk.services.glue.model.GetSchemaByDefinitionResponse;
import software.amazon.awssdk.services.glue.model.GetSchemaVersionRequest;
import software.amazon.awssdk.services.glue.model.GetSchemaVersionResponse;
import software.amazon.awssdk.services.glue.model.RegisterSchemaVersionRequest;
import software.amazon.awssdk.services.glue.model.RegisterSchemaVersionResponse;

/**
 * A Glue client that answers the registry calls from scripts: each call takes the next answer of
 * its queue (a response, or an exception to throw) and is recorded by name. For what moto cannot
 * show: access denied, a version Glue refuses (compatibility), PENDING versions, races.
 */
public final class ScriptedGlueClient implements GlueClient {

    public final List<String> calls = new ArrayList<>();
    public final Deque<Object> getSchemaVersion = new ArrayDeque<>();
    public final Deque<Object> getSchemaByDefinition = new ArrayDeque<>();
    public final Deque<Object> registerSchemaVersion = new ArrayDeque<>();
    public final Deque<Object> createSchema = new ArrayDeque<>();

    /** A service error with this code, as the SDK builds it from Glue's answer. */
    public static <E extends AwsServiceException.Builder> AwsServiceException error(
            E builder, String code) {
        return builder.awsErrorDetails(
                        AwsErrorDetails.builder()
                                .errorCode(code)
                                .errorMessage(code + " by test")
                                .build())
                .message(code + " by test")
                .build();
    }

    @SuppressWarnings("unchecked")
    private static <T> T next(Deque<Object> answers, String call) {
        Object answer = answers.poll();
        if (answer == null) {
            throw new AssertionError("unscripted call " + call);
        }
        if (answer instanceof RuntimeException) {
            throw (RuntimeException) answer;
        }
        return (T) answer;
    }

    @Override
    public GetSchemaVersionResponse getSchemaVersion(Consumer<GetSchemaVersionRequest.Builder> r) {
        GetSchemaVersionRequest.Builder b = GetSchemaVersionRequest.builder();
        r.accept(b);
        calls.add("GetSchemaVersion " + b.build());
        return next(getSchemaVersion, "GetSchemaVersion");
    }

    @Override
    public GetSchemaByDefinitionResponse getSchemaByDefinition(
            Consumer<GetSchemaByDefinitionRequest.Builder> r) {
        calls.add("GetSchemaByDefinition");
        return next(getSchemaByDefinition, "GetSchemaByDefinition");
    }

    @Override
    public RegisterSchemaVersionResponse registerSchemaVersion(
            Consumer<RegisterSchemaVersionRequest.Builder> r) {
        calls.add("RegisterSchemaVersion");
        return next(registerSchemaVersion, "RegisterSchemaVersion");
    }

    @Override
    public CreateSchemaResponse createSchema(Consumer<CreateSchemaRequest.Builder> r) {
        CreateSchemaRequest.Builder b = CreateSchemaRequest.builder();
        r.accept(b);
        calls.add("CreateSchema " + b.build().compatibilityAsString());
        return next(createSchema, "CreateSchema");
    }

    @Override
    public String serviceName() {
        return "glue";
    }

    @Override
    public void close() {}
}
