package io.github.flinkkinesis.kinesis.proxy;

import java.io.Serializable;

/**
 * Creates the {@link StreamProxy} of a source on the task managers (the proxy itself holds an SDK
 * client and cannot be serialized with the job).
 */
@FunctionalInterface
public interface StreamProxyFactory extends Serializable {

    StreamProxy create();
}
