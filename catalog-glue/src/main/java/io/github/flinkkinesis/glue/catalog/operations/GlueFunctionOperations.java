package io.github.flinkkinesis.glue.catalog.operations;

import io.github.flinkkinesis.glue.catalog.exception.GlueExceptionMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetUserDefinedFunctionsResponse;
import software.amazon.awssdk.services.glue.model.UserDefinedFunction;
import software.amazon.awssdk.services.glue.model.UserDefinedFunctionInput;

/**
 * Glue user-defined function calls: get, list (all pages), create, update, delete.
 *
 * <p>The planner asks the current catalog about every unqualified name it resolves, so lookups are
 * frequent. Some Glue-compatible endpoints (local emulators such as moto) do not implement the
 * function API and answer HTTP 5xx without an AWS error code. Only on an overridden endpoint
 * ({@code aws.endpoint} set), the first such answer marks the endpoint as having no function
 * support: lookups then report that no function exists (without another call, so {@code DROP
 * DATABASE ... RESTRICT} sees no functions there) and writes fail with an error that says so,
 * instead of every query in that catalog failing. Against AWS's own endpoint the same answer (e.g.
 * a 502 or 503 from a proxy) is an error like any other and never changes later behaviour.
 */
@Internal
public final class GlueFunctionOperations {

    private static final Logger LOG = LoggerFactory.getLogger(GlueFunctionOperations.class);

    private final GlueConnection glue;
    private volatile boolean functionsUnsupported;

    public GlueFunctionOperations(GlueConnection glue) {
        this.glue = glue;
    }

    public Optional<UserDefinedFunction> get(String database, String name) {
        if (functionsUnsupported) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    glue.client()
                            .getUserDefinedFunction(
                                    r ->
                                            r.catalogId(glue.catalogId())
                                                    .databaseName(database)
                                                    .functionName(name))
                            .userDefinedFunction());
        } catch (EntityNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            if (markUnsupported(e)) {
                return Optional.empty();
            }
            throw GlueExceptionMapper.map(
                    e, "GetUserDefinedFunction", "function " + database + "." + name);
        }
    }

    /** The names of the database's functions, across all pages. */
    public List<String> list(String database) {
        List<String> names = new ArrayList<>();
        if (functionsUnsupported) {
            return names;
        }
        try {
            for (GetUserDefinedFunctionsResponse page :
                    glue.client()
                            .getUserDefinedFunctionsPaginator(
                                    r ->
                                            r.catalogId(glue.catalogId())
                                                    .databaseName(database)
                                                    .pattern("*"))) {
                page.userDefinedFunctions().forEach(f -> names.add(f.functionName()));
            }
        } catch (SdkException e) {
            if (markUnsupported(e)) {
                return new ArrayList<>();
            }
            throw GlueExceptionMapper.map(
                    e, "GetUserDefinedFunctions", "the functions of database " + database);
        }
        return names;
    }

    /** Creates the function; false if it exists already. */
    public boolean create(String database, UserDefinedFunctionInput input) {
        requireSupported("create function " + database + "." + input.functionName());
        try {
            glue.client()
                    .createUserDefinedFunction(
                            r ->
                                    r.catalogId(glue.catalogId())
                                            .databaseName(database)
                                            .functionInput(input));
            return true;
        } catch (AlreadyExistsException e) {
            return false;
        } catch (SdkException e) {
            throw GlueExceptionMapper.map(
                    e,
                    "CreateUserDefinedFunction",
                    "function " + database + "." + input.functionName());
        }
    }

    /** Replaces the function; false if it does not exist. */
    public boolean update(String database, String name, UserDefinedFunctionInput input) {
        requireSupported("alter function " + database + "." + name);
        try {
            glue.client()
                    .updateUserDefinedFunction(
                            r ->
                                    r.catalogId(glue.catalogId())
                                            .databaseName(database)
                                            .functionName(name)
                                            .functionInput(input));
            return true;
        } catch (EntityNotFoundException e) {
            return false;
        } catch (SdkException e) {
            throw GlueExceptionMapper.map(
                    e, "UpdateUserDefinedFunction", "function " + database + "." + name);
        }
    }

    /** Deletes the function; false if it does not exist. */
    public boolean delete(String database, String name) {
        requireSupported("drop function " + database + "." + name);
        try {
            glue.client()
                    .deleteUserDefinedFunction(
                            r ->
                                    r.catalogId(glue.catalogId())
                                            .databaseName(database)
                                            .functionName(name));
            return true;
        } catch (EntityNotFoundException e) {
            return false;
        } catch (SdkException e) {
            throw GlueExceptionMapper.map(
                    e, "DeleteUserDefinedFunction", "function " + database + "." + name);
        }
    }

    private void requireSupported(String what) {
        if (functionsUnsupported) {
            throw new CatalogException(
                    "Cannot "
                            + what
                            + ": the Glue endpoint "
                            + glue.endpointDescription()
                            + " does not implement user-defined functions (it answered the"
                            + " function API with a server error without an AWS error code, as"
                            + " local emulators such as moto do). Use real AWS Glue, or create the"
                            + " function as a temporary function in your session.");
        }
    }

    /**
     * Marks the endpoint as lacking the function API if it is an overridden (local, emulated)
     * endpoint and {@code e} is a server error without an AWS error code (real Glue always sends
     * one, e.g. InternalServiceException, but a proxy in front of it may not).
     */
    private boolean markUnsupported(SdkException e) {
        if (!glue.endpointOverridden() || !(e instanceof AwsServiceException)) {
            return false;
        }
        AwsServiceException s = (AwsServiceException) e;
        String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
        if (s.statusCode() < 500 || (code != null && !code.isEmpty())) {
            return false;
        }
        if (!functionsUnsupported) {
            functionsUnsupported = true;
            LOG.warn(
                    "The Glue endpoint {} does not implement user-defined functions (HTTP {}"
                            + " without an AWS error code): this catalog reports no functions"
                            + " there and refuses to create them.",
                    glue.endpointDescription(),
                    s.statusCode());
        }
        return true;
    }
}
