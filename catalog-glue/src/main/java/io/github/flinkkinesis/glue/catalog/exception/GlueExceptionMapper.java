package io.github.flinkkinesis.glue.catalog.exception;

import io.github.flinkkinesis.aws.AwsFailures;
import io.github.flinkkinesis.aws.FlatFailure;
import java.util.List;
import java.util.Optional;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.ErrorDetail;
import software.amazon.awssdk.services.glue.model.GlueEncryptionException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.ResourceNumberLimitExceededException;

/**
 * The one place where Glue SDK errors become Flink catalog exceptions.
 *
 * <p>"Not found" and "already exists" are not mapped here: the {@code operations} classes turn them
 * into empty results or {@code false}, and the catalog throws Flink's own {@code
 * ...NotExistException} / {@code ...AlreadyExistException} according to the statement's {@code IF
 * [NOT] EXISTS}. Everything else comes here: access denied (naming the IAM action and resource),
 * concurrent modification (a retryable {@link GlueConcurrentModificationException}), invalid input,
 * limits, and any other service or client error, always with the action and resource.
 */
@Internal
public final class GlueExceptionMapper {

    private GlueExceptionMapper() {}

    /**
     * The catalog exception for a failed Glue call.
     *
     * @param action the Glue API action, e.g. {@code CreateTable}
     * @param resource what it was for, e.g. {@code table db.orders}
     */
    public static CatalogException map(SdkException e, String action, String resource) {
        return FlatFailure.suppressInto(mapWithoutCause(e, action, resource), e);
    }

    /**
     * The exception without the SDK's as its cause: SQL clients (the SQL Client, the SQL Gateway's
     * JDBC driver) print only the deepest cause of a failure, which would be the SDK's message
     * instead of this one. {@link #map} attaches the SDK's exception as suppressed, so logs and
     * stack traces keep it in full.
     */
    private static CatalogException mapWithoutCause(
            SdkException e, String action, String resource) {
        String iamAction = "glue:" + action;
        String detail = message(e);
        if (e instanceof AccessDeniedException || isAccessDenied(e)) {
            return new GlueAccessDeniedException(
                    "Access denied: the catalog's AWS credentials may not call "
                            + iamAction
                            + " on "
                            + resource
                            + ". Grant that action in IAM (and Lake Formation, if it governs the"
                            + " database). AWS said: "
                            + detail,
                    iamAction,
                    resource);
        }
        if (e instanceof ConcurrentModificationException) {
            return new GlueConcurrentModificationException(
                    "Glue refused "
                            + iamAction
                            + " on "
                            + resource
                            + " because another writer changed it since it was read (Glue"
                            + " VersionId mismatch). Nothing was overwritten: run the statement"
                            + " again to apply it to the current version. AWS said: "
                            + detail);
        }
        if (e instanceof InvalidInputException) {
            return new CatalogException(
                    "Glue rejected " + iamAction + " on " + resource + " as invalid: " + detail);
        }
        if (e instanceof ResourceNumberLimitExceededException) {
            return new CatalogException(
                    "Glue limit reached by "
                            + iamAction
                            + " on "
                            + resource
                            + ": "
                            + detail
                            + ". Remove unused objects or ask AWS for a higher quota.");
        }
        if (e instanceof GlueEncryptionException) {
            return new CatalogException(
                    "Glue could not use the catalog's KMS key for "
                            + iamAction
                            + " on "
                            + resource
                            + ": "
                            + detail);
        }
        Optional<String> advice = AwsFailures.advice(e, "Glue");
        if (advice.isPresent()) {
            return new CatalogException(advice.get() + " (" + iamAction + " on " + resource + ")");
        }
        return new CatalogException(
                "Glue call " + iamAction + " on " + resource + " failed: " + detail);
    }

    /**
     * The catalog exception for a batch call that Glue answered with refused entries (a batch call
     * succeeds as a whole and reports the entries it did not apply): how many, and the first one's
     * values and error.
     *
     * @param action the Glue API action, e.g. {@code BatchCreatePartition}
     * @param resource what the batch was for, e.g. {@code partitions 1 to 100 of table db.orders}
     */
    public static CatalogException mapRefusedEntries(
            String action, String resource, List<PartitionError> errors) {
        PartitionError first = errors.get(0);
        ErrorDetail detail = first.errorDetail();
        return new CatalogException(
                String.format(
                        "Glue call glue:%s on %s refused %d of them, e.g. partition %s: %s%s.",
                        action,
                        resource,
                        errors.size(),
                        first.partitionValues(),
                        detail == null ? "no error detail" : detail.errorCode(),
                        detail == null || detail.errorMessage() == null
                                ? ""
                                : " (" + detail.errorMessage() + ")"));
    }

    private static boolean isAccessDenied(SdkException e) {
        if (e instanceof AwsServiceException) {
            AwsServiceException s = (AwsServiceException) e;
            String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
            return s.statusCode() == 403
                    || "AccessDeniedException".equals(code)
                    || "UnrecognizedClientException".equals(code);
        }
        return false;
    }

    private static String message(SdkException e) {
        if (e instanceof AwsServiceException) {
            AwsServiceException s = (AwsServiceException) e;
            if (s.awsErrorDetails() != null && s.awsErrorDetails().errorMessage() != null) {
                return s.awsErrorDetails().errorMessage()
                        + " ("
                        + s.awsErrorDetails().errorCode()
                        + ", HTTP "
                        + s.statusCode()
                        + ")";
            }
        }
        return e.getMessage();
    }
}
