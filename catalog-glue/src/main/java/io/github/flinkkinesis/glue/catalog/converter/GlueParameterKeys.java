package io.github.flinkkinesis.glue.catalog.converter;

import org.apache.flink.annotation.Internal;

/**
 * The Glue parameter keys this catalog reads and writes, with the format version of what it stores.
 *
 * <p>Flink's own serialization of a table or view (schema, watermark, primary key, comment,
 * partition keys, options) is stored with the prefix {@value #FLINK_PREFIX}; the catalog's
 * bookkeeping uses the separate prefix {@code flink-catalog.} so that no table option can collide
 * with it (a table option {@code format-version} is stored as {@code flink.format-version}).
 */
@Internal
final class GlueParameterKeys {

    /** Prefix of every key of Flink's own serialized table or view. */
    static final String FLINK_PREFIX = "flink.";

    /**
     * Version of the layout this catalog writes. Readers refuse a newer version instead of
     * misreading it; a reader of a later release upgrades older versions.
     */
    static final String FORMAT_VERSION = "flink-catalog.format-version";

    /** The layout written by this release. */
    static final int CURRENT_FORMAT_VERSION = 1;

    /** Glue table type of tables (Hive's convention for data the metastore does not own). */
    static final String TABLE_TYPE_TABLE = "EXTERNAL_TABLE";

    /** Glue table type of views. */
    static final String TABLE_TYPE_VIEW = "VIRTUAL_VIEW";

    /** Hive's marker for tables whose data lives outside the warehouse. */
    static final String EXTERNAL = "EXTERNAL";

    /** Glue's largest parameter value, in characters. */
    static final int MAX_PARAMETER_VALUE_LENGTH = 512_000;

    /** Glue's largest parameter key, in characters. */
    static final int MAX_PARAMETER_KEY_LENGTH = 255;

    /** Glue's longest table description; longer comments are kept whole in the Flink schema. */
    static final int MAX_DESCRIPTION_LENGTH = 2048;

    /** Glue's longest column comment; longer comments are kept whole in the Flink schema. */
    static final int MAX_COLUMN_COMMENT_LENGTH = 255;

    /** Function class names of non-Java functions carry their language with this prefix. */
    static final String FUNCTION_LANGUAGE_PREFIX = "flink:";

    private GlueParameterKeys() {}
}
