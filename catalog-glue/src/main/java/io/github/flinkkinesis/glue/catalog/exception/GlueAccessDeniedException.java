package io.github.flinkkinesis.glue.catalog.exception;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.catalog.exceptions.CatalogException;

/**
 * Glue refused an action for lack of IAM or Lake Formation permission; names action and resource.
 */
@PublicEvolving
public class GlueAccessDeniedException extends CatalogException {

    private static final long serialVersionUID = 1L;

    private final String action;
    private final String resource;

    GlueAccessDeniedException(String message, String action, String resource) {
        super(message);
        this.action = action;
        this.resource = resource;
    }

    /** The IAM action that was denied, e.g. {@code glue:CreateTable}. */
    public String action() {
        return action;
    }

    /** The Glue object the action was for, e.g. {@code table db.orders}. */
    public String resource() {
        return resource;
    }
}
