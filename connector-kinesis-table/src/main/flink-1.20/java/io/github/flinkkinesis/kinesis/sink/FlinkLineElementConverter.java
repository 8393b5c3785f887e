package io.github.flinkkinesis.kinesis.sink;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/**
 * The element converter seam, Flink 1.20 build: this line's {@code AsyncSinkWriter} wraps its
 * {@link WriterInitContext} into a (deprecated) {@link Sink.InitContext} and opens its converter
 * with {@code open(Sink.InitContext)}; it never calls {@code open(WriterInitContext)}, which 1.20's
 * {@link ElementConverter} does not even declare. This interface takes that call and hands the
 * context on, as a {@link WriterInitContext}, to {@link #open(WriterInitContext)}: the method the
 * converters of this sink implement on every line (on 2.x it is {@code ElementConverter}'s own).
 *
 * <p>Without it, a converter compiled for 2.x is never opened on 1.20: the value format has no
 * mapper and the projection of the physical columns is missing when the first row arrives.
 */
@Internal
@SuppressWarnings("deprecation") // Sink.InitContext: what Flink 1.20 opens converters with
public interface FlinkLineElementConverter<InputT, EntryT>
        extends ElementConverter<InputT, EntryT> {

    /** Prepares the converter on the task, before its first element: on every line. */
    void open(WriterInitContext context);

    @Override
    default void open(Sink.InitContext context) {
        open(WriterInitContexts.of(context));
    }

    /**
     * Opens {@code converter} the way this line's {@code AsyncSinkWriter} opens its converter: for
     * a converter that wraps another one, and for tests.
     */
    static void openWith(ElementConverter<?, ?> converter, WriterInitContext context) {
        converter.open(new Sink.InitContextWrapper(context));
    }
}
