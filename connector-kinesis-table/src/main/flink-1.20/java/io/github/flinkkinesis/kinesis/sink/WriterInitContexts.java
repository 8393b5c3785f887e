package io.github.flinkkinesis.kinesis.sink;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Flink 1.20 only: presents the (deprecated) {@link Sink.InitContext} that Flink 1.20 hands to
 * converters and to {@code createWriter} as the {@link WriterInitContext} that this sink's code
 * takes on every line. Flink's own {@link Sink.InitContextWrapper} adapts the other way.
 *
 * <p>On 1.20 the two interfaces declare the same methods (both extend {@code InitContext} and add
 * the same eight), so every call on the returned context is passed on to the method of the same
 * name and parameters of the wrapped one. A proxy says that once, where an adapter class would
 * repeat it for each method.
 */
@Internal
@SuppressWarnings("deprecation") // Sink.InitContext: the context Flink 1.20 hands to sinks
final class WriterInitContexts {

    private WriterInitContexts() {}

    static WriterInitContext of(Sink.InitContext context) {
        return (WriterInitContext)
                Proxy.newProxyInstance(
                        WriterInitContext.class.getClassLoader(),
                        new Class<?>[] {WriterInitContext.class},
                        (proxy, method, args) -> {
                            Method target =
                                    method.getDeclaringClass() == Object.class
                                            ? method
                                            : Sink.InitContext.class.getMethod(
                                                    method.getName(), method.getParameterTypes());
                            try {
                                return target.invoke(context, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
    }
}
