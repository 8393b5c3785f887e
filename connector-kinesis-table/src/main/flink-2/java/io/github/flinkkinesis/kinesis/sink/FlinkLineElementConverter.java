package io.github.flinkkinesis.kinesis.sink;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/**
 * The element converter seam, Flink 2.x build (2.0 to 2.3): this line's {@code AsyncSinkWriter}
 * opens its converter with {@link ElementConverter#open(WriterInitContext)}, the method the
 * converters of this sink override, so this interface adds nothing to it.
 *
 * <p>Why it exists: Flink 1.20 opens converters with {@code open(Sink.InitContext)} instead, and
 * never calls {@code open(WriterInitContext)}. The 1.20 build has its own version of this interface
 * ({@code src/main/flink-1.20/java}) that turns the one call into the other. The converters of this
 * sink implement this interface and override {@code open(WriterInitContext)}; they then open on
 * every line, and the sink's own code is the same on every line.
 */
@Internal
public interface FlinkLineElementConverter<InputT, EntryT>
        extends ElementConverter<InputT, EntryT> {

    /**
     * Opens {@code converter} the way this line's {@code AsyncSinkWriter} opens its converter: for
     * a converter that wraps another one, and for tests.
     */
    static void openWith(ElementConverter<?, ?> converter, WriterInitContext context) {
        converter.open(context);
    }
}
