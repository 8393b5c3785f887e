package io.github.flinkkinesis.glue.catalog;

import org.apache.flink.annotation.Internal;

/**
 * Where a Flink table, view or function lives in Glue: its Glue database and object name, both
 * already checked against Glue's name rule and folded to lowercase by {@link GlueNameResolver}. An
 * immutable value.
 */
@Internal
record GluePath(String database, String name) {

    @Override
    public String toString() {
        return database + "." + name;
    }
}
