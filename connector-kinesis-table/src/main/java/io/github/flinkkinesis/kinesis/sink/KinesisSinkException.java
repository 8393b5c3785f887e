package io.github.flinkkinesis.kinesis.sink;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.util.FlinkRuntimeException;

/** A sink failure that fails the job; its message says what went wrong and what to do. */
@PublicEvolving
public class KinesisSinkException extends FlinkRuntimeException {

    private static final long serialVersionUID = 1L;

    public KinesisSinkException(String message) {
        super(message);
    }

    public KinesisSinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
