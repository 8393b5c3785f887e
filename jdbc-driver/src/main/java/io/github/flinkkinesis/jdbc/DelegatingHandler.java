package io.github.flinkkinesis.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The common part of the wrappers: a {@link Proxy} handler that passes every call it does not
 * handle itself unchanged to the wrapped JDBC object.
 *
 * <p>Why proxies and not hand-written delegates: {@code Connection}, {@code Statement} and {@code
 * ResultSet} have some 400 methods between them, of which the wrappers change about twenty. A proxy
 * states only those twenty (in {@link #handle}); a delegate class would repeat the other 380, and a
 * new JDBC method would silently be missing from it.
 *
 * @param <T> the JDBC interface wrapped
 */
abstract class DelegatingHandler<T> implements InvocationHandler {

    /** What {@link #handle} returns for a call it leaves to the delegate. */
    static final Object DELEGATE = new Object();

    private final Class<? extends T> type;
    final T delegate;
    private T proxy;

    /** {@code type}: what the wrapper implements, {@code T} or a subinterface of it. */
    DelegatingHandler(Class<? extends T> type, T delegate) {
        this.type = type;
        this.delegate = delegate;
    }

    /** The wrapper: a {@code T} whose calls go through this handler. */
    final T proxy() {
        if (proxy == null) {
            proxy =
                    type.cast(
                            Proxy.newProxyInstance(
                                    DelegatingHandler.class.getClassLoader(),
                                    new Class<?>[] {type},
                                    this));
        }
        return proxy;
    }

    /**
     * Handles the calls this wrapper changes; returns {@link #DELEGATE} for all others. {@code
     * args} is never null.
     */
    abstract Object handle(Method method, Object[] args) throws Throwable;

    @Override
    public final Object invoke(Object self, Method method, Object[] args) throws Throwable {
        Object[] arguments = args == null ? new Object[0] : args;
        try {
            Object result = standard(self, method, arguments);
            if (result == DELEGATE) {
                result = handle(method, arguments);
            }
            return result == DELEGATE ? callDelegate(method, arguments) : result;
        } catch (SQLException | RuntimeException e) {
            // every JDBC method may throw SQLException: the gateway's reason goes first
            if (Arrays.asList(method.getExceptionTypes()).contains(SQLException.class)) {
                throw GatewayFailures.readable(e);
            }
            throw e;
        }
    }

    /** The methods of {@code Object} and {@code Wrapper}, the same for every wrapper. */
    private Object standard(Object self, Method method, Object[] args) throws SQLException {
        switch (method.getName()) {
            case "equals":
                return args.length == 1 && self == args[0];
            case "hashCode":
                return args.length == 0 ? System.identityHashCode(self) : DELEGATE;
            case "toString":
                return args.length == 0 ? "notebook wrapper of " + delegate : DELEGATE;
            case "unwrap":
                return unwrap(self, (Class<?>) args[0]);
            case "isWrapperFor":
                // Flink's statement rejects both Wrapper methods: answer them here
                return ((Class<?>) args[0]).isInstance(self)
                        || ((Class<?>) args[0]).isInstance(delegate);
            default:
                return DELEGATE;
        }
    }

    private Object unwrap(Object self, Class<?> iface) throws SQLException {
        if (iface.isInstance(self)) {
            return self;
        }
        if (iface.isInstance(delegate)) {
            return delegate;
        }
        throw new SQLException(delegate.getClass().getName() + " does not implement " + iface);
    }

    /** Calls {@code method} on the delegate, rethrowing what it throws as it is. */
    final Object callDelegate(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    static boolean is(Method method, String name, Class<?>... parameterTypes) {
        return method.getName().equals(name)
                && Arrays.equals(method.getParameterTypes(), parameterTypes);
    }
}
