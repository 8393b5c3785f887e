package io.github.flinkkinesis.glue.catalog.operations;

import io.github.flinkkinesis.glue.catalog.exception.GlueExceptionMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetUserDefinedFunctionsResponse;
import software.amazon.awssdk.services.glue.model.UserDefinedFunction;
import software.amazon.awssdk.services.glue.model.UserDefinedFunctionInput;

/** Glue user-defined function calls: get, list (all pages), create, update, delete. */
public final class GlueFunctionOperations {

    private final GlueContext glue;

    public GlueFunctionOperations(GlueContext glue) {
        this.glue = glue;
    }

    public Optional<UserDefinedFunction> get(String database, String name) {
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
            throw GlueExceptionMapper.map(
                    e, "GetUserDefinedFunction", "function " + database + "." + name);
        }
    }

    /** The names of the database's functions, across all pages. */
    public List<String> list(String database) {
        List<String> names = new ArrayList<>();
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
            throw GlueExceptionMapper.map(
                    e, "GetUserDefinedFunctions", "the functions of database " + database);
        }
        return names;
    }

    /** Creates the function; false if it exists already. */
    public boolean create(String database, UserDefinedFunctionInput input) {
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
}
