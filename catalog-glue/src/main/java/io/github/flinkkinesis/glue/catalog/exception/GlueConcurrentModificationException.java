package io.github.flinkkinesis.glue.catalog.exception;

import io.github.flinkkinesis.aws.FlatFailure;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.catalog.exceptions.CatalogException;

/**
 * Another writer changed a Glue object between the moment this catalog read it and its update, so
 * the update was refused instead of overwriting that change. Retryable: read the object again and
 * repeat the statement.
 */
@PublicEvolving
public class GlueConcurrentModificationException extends CatalogException {

    private static final long serialVersionUID = 1L;

    GlueConcurrentModificationException(String message, Throwable cause) {
        super(message);
        // suppressed, not the cause: SQL clients print only the deepest cause (see
        // GlueExceptionMapper)
        FlatFailure.suppressInto(this, cause);
    }

    /** Always true: repeating the statement on fresh data can succeed. */
    public boolean isRetryable() {
        return true;
    }
}
