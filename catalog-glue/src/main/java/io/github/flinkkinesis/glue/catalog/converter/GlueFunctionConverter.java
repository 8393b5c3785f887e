package io.github.flinkkinesis.glue.catalog.converter;

import static io.github.flinkkinesis.glue.catalog.converter.GlueParameterKeys.FUNCTION_LANGUAGE_PREFIX;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.catalog.CatalogFunction;
import org.apache.flink.table.catalog.CatalogFunctionImpl;
import org.apache.flink.table.catalog.FunctionLanguage;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.resource.ResourceType;
import org.apache.flink.table.resource.ResourceUri;
import software.amazon.awssdk.services.glue.model.PrincipalType;
import software.amazon.awssdk.services.glue.model.UserDefinedFunction;
import software.amazon.awssdk.services.glue.model.UserDefinedFunctionInput;

/**
 * Converts Flink catalog functions to Glue user-defined functions and back, keeping the function
 * language.
 *
 * <p>Glue functions have a class name and resource URIs but no language. Java functions are stored
 * with their plain class name (what Hive and Glue tools expect); Scala and Python functions carry
 * the language in the class name as {@code flink:scala:CLASS} / {@code flink:python:CLASS}.
 */
@Internal
public final class GlueFunctionConverter {

    /** Owner recorded in Glue for functions this catalog creates. */
    static final String OWNER = "flink";

    private GlueFunctionConverter() {}

    /** The Glue input of a Flink function. */
    public static UserDefinedFunctionInput toFunctionInput(
            String glueName, CatalogFunction function) {
        String className = function.getClassName();
        if (function.getFunctionLanguage() != FunctionLanguage.JAVA) {
            className =
                    FUNCTION_LANGUAGE_PREFIX
                            + function.getFunctionLanguage().name().toLowerCase(Locale.ROOT)
                            + ":"
                            + className;
        }
        List<software.amazon.awssdk.services.glue.model.ResourceUri> uris = new ArrayList<>();
        for (ResourceUri uri : function.getFunctionResources()) {
            uris.add(
                    software.amazon.awssdk.services.glue.model.ResourceUri.builder()
                            .resourceType(uri.getResourceType().name())
                            .uri(uri.getUri())
                            .build());
        }
        return UserDefinedFunctionInput.builder()
                .functionName(glueName)
                .className(className)
                .ownerName(OWNER)
                .ownerType(PrincipalType.USER)
                .resourceUris(uris)
                .build();
    }

    /** The Flink function of a Glue function. */
    public static CatalogFunction toFlink(UserDefinedFunction function) {
        String className = function.className();
        FunctionLanguage language = FunctionLanguage.JAVA;
        if (className != null && className.startsWith(FUNCTION_LANGUAGE_PREFIX)) {
            String rest = className.substring(FUNCTION_LANGUAGE_PREFIX.length());
            int colon = rest.indexOf(':');
            if (colon < 0) {
                throw new CatalogException(
                        "Glue function "
                                + function.functionName()
                                + " has class name '"
                                + className
                                + "', expected flink:LANGUAGE:CLASS.");
            }
            try {
                language =
                        FunctionLanguage.valueOf(rest.substring(0, colon).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CatalogException(
                        "Glue function "
                                + function.functionName()
                                + " has unknown language '"
                                + rest.substring(0, colon)
                                + "' (allowed: java, scala, python).");
            }
            className = rest.substring(colon + 1);
        }
        List<ResourceUri> resources = new ArrayList<>();
        if (function.hasResourceUris()) {
            for (software.amazon.awssdk.services.glue.model.ResourceUri uri :
                    function.resourceUris()) {
                resources.add(
                        new ResourceUri(
                                ResourceType.valueOf(uri.resourceTypeAsString()), uri.uri()));
            }
        }
        // Flink's own catalogs build functions the same way: CatalogFunction has no public factory
        return new CatalogFunctionImpl(className, language, resources);
    }
}
