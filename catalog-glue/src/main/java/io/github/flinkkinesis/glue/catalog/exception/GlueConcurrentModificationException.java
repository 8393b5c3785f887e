package io.github.flinkkinesis.glue.catalog.exception;

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

    /** Made by {@link GlueExceptionMapper}, which attaches Glue's exception. */
    GlueConcurrentModificationException(String message) {
        super(message);
    }

    /** Always true: repeating the statement on fresh data can succeed. */
    public boolean isRetryable() {
        return true;
    }
}
