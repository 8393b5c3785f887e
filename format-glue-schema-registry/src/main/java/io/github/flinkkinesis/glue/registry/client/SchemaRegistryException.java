package io.github.flinkkinesis.glue.registry.client;

import io.github.flinkkinesis.aws.AwsSetupException;
import org.apache.flink.annotation.PublicEvolving;

/**
 * The Glue Schema Registry refused or failed a call for a reason the user has to fix (access
 * denied, a registry or schema that does not exist, no credentials, wrong endpoint); the message
 * says what to do. Never skipped by {@code ignore-parse-errors}: it is not the record's fault.
 */
@PublicEvolving
public class SchemaRegistryException extends AwsSetupException {

    private static final long serialVersionUID = 1L;

    public SchemaRegistryException(String message, Throwable sdkFailure) {
        super(message, sdkFailure);
    }
}
