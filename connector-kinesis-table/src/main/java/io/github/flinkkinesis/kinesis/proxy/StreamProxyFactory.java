package io.github.flinkkinesis.kinesis.proxy;

import java.io.Serializable;
import org.apache.flink.annotation.Internal;

/**
 * Creates the {@link StreamProxy} of a source on the task managers (the proxy itself holds an SDK
 * client and cannot be serialized with the job).
 */
@Internal
@FunctionalInterface
public interface StreamProxyFactory extends Serializable {

    StreamProxy create();
}
