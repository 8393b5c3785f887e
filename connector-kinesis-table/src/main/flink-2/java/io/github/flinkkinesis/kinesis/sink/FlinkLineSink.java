package io.github.flinkkinesis.kinesis.sink;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * The Sink V2 seam, Flink 2.x build (2.0 to 2.3): Flink's {@link Sink} asks only for {@code
 * createWriter(WriterInitContext)}, which {@link KinesisSink} implements on every line, so this
 * interface adds nothing.
 *
 * <p>Why it exists: Flink 1.20's {@code Sink} still declares the deprecated abstract {@code
 * createWriter(Sink.InitContext)}, a type 2.x removed; the 1.20 build's version of this interface
 * ({@code src/main/flink-1.20/java}) implements it.
 */
@Internal
public interface FlinkLineSink<InputT> extends Sink<InputT> {}
