package io.github.flinkkinesis.glue.catalog.exception;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.ResourceNumberLimitExceededException;

/** Glue SDK errors become catalog exceptions that name the action and the resource. */
class GlueExceptionMapperTest {

    private static <T extends AwsServiceException> T error(
            AwsServiceException.Builder builder, String code, int status) {
        @SuppressWarnings("unchecked")
        T e =
                (T)
                        builder.statusCode(status)
                                .awsErrorDetails(
                                        AwsErrorDetails.builder()
                                                .errorCode(code)
                                                .errorMessage("details from AWS")
                                                .build())
                                .build();
        return e;
    }

    @Test
    void accessDeniedNamesTheIamActionAndTheResource() {
        CatalogException e =
                GlueExceptionMapper.map(
                        error(AccessDeniedException.builder(), "AccessDeniedException", 400),
                        "GetTables",
                        "the tables of database sales");
        assertThat(e).isInstanceOf(GlueAccessDeniedException.class);
        assertThat(e.getMessage())
                .contains("glue:GetTables")
                .contains("the tables of database sales")
                .contains("details from AWS");
        // a plain 403 from a proxy or a generic error code counts too
        assertThat(
                        GlueExceptionMapper.map(
                                error(GlueException.builder(), "UnrecognizedClientException", 403),
                                "GetTable",
                                "table a.b"))
                .isInstanceOf(GlueAccessDeniedException.class);
    }

    @Test
    void missingCredentialsSayWhereTheyAreLookedForAndWhichOptionChoosesThem() {
        SdkClientException sdk =
                SdkClientException.create(
                        "Unable to load credentials from any of the providers in the chain");
        CatalogException e = GlueExceptionMapper.map(sdk, "GetDatabase", "database default");
        assertThat(e.getMessage())
                .startsWith("No AWS credentials were found for Glue")
                .contains("'aws.credentials.provider'")
                .endsWith("(glue:GetDatabase on database default)");
        // SQL clients print the deepest cause: that must be this message, not the SDK's
        assertThat(e).hasNoCause();
        assertThat(e.getSuppressed()).hasSize(1);
        assertThat(e.getSuppressed()[0])
                .hasNoCause()
                .hasMessageContaining("Unable to load credentials");
    }

    @Test
    void concurrentModificationIsRetryable() {
        CatalogException e =
                GlueExceptionMapper.map(
                        error(
                                ConcurrentModificationException.builder(),
                                "ConcurrentModificationException",
                                400),
                        "UpdateTable",
                        "table a.b");
        assertThat(e).isInstanceOf(GlueConcurrentModificationException.class);
        assertThat(((GlueConcurrentModificationException) e).isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("run the statement again");
    }

    @Test
    void otherErrorsNameTheActionAndResource() {
        assertThat(
                        GlueExceptionMapper.map(
                                        error(
                                                InvalidInputException.builder(),
                                                "InvalidInputException",
                                                400),
                                        "CreateTable",
                                        "table a.b")
                                .getMessage())
                .contains("invalid")
                .contains("glue:CreateTable")
                .contains("table a.b");
        assertThat(
                        GlueExceptionMapper.map(
                                        error(
                                                ResourceNumberLimitExceededException.builder(),
                                                "ResourceNumberLimitExceededException",
                                                400),
                                        "CreateTable",
                                        "table a.b")
                                .getMessage())
                .contains("limit");
        assertThat(
                        GlueExceptionMapper.map(
                                        SdkClientException.create("connection refused"),
                                        "GetDatabase",
                                        "database x")
                                .getMessage())
                .contains("glue:GetDatabase")
                .contains("database x")
                .contains("connection refused");
    }
}
