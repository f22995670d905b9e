package org.jzrepl.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jzrepl.rpc.message.BodyKind;
import org.jzrepl.rpc.message.RpcRemoteException;

/**
 * How one method of an endpoint interface maps to a call, read from its signature: the
 * endpoint name is the method name; parameters are at most one JSON value then at most one
 * {@link InputStream} (the request stream); the return is void, a JSON value, an {@link
 * InputStream} or a {@link Streamed}. Every method must declare {@code throws IOException} since
 * the connection can fail under any call.
 */
record EndpointMethod(Method method, String name, BodyKind request, int jsonParam, Type jsonType,
                      int streamParam, BodyKind response, Type valueType,
                      Map<String, Class<? extends RpcRemoteException>> errors) {

    /** All endpoint methods of an interface by name; throws IllegalArgumentException naming what is wrong. */
    static Map<String, EndpointMethod> of(Class<?> iface) {
        if (!iface.isInterface()) {
            throw new IllegalArgumentException(iface.getName() + " is not an interface");
        }
        Map<String, EndpointMethod> byName = new TreeMap<>();
        Map<String, Class<? extends RpcRemoteException>> shared = new HashMap<>();
        annotated(iface, shared);
        for (Method m : iface.getMethods()) {
            if (m.isDefault() || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            EndpointMethod e = describe(m, shared);
            if (byName.put(e.name(), e) != null) {
                throw new IllegalArgumentException(iface.getName() + ": endpoint " + e.name()
                        + " is overloaded; endpoint names must be unique");
            }
        }
        return Map.copyOf(byName);
    }

    /** Exception types named by {@link RemoteExceptions} on the interface and those it extends. */
    private static void annotated(Class<?> iface, Map<String, Class<? extends RpcRemoteException>> into) {
        RemoteExceptions a = iface.getAnnotation(RemoteExceptions.class);
        if (a != null) {
            for (Class<? extends RpcRemoteException> x : a.value()) {
                into.put(x.getSimpleName(), x);
            }
        }
        for (Class<?> parent : iface.getInterfaces()) {
            annotated(parent, into);
        }
    }

    private static EndpointMethod describe(Method m, Map<String, Class<? extends RpcRemoteException>> shared) {
        String where = m.getDeclaringClass().getSimpleName() + "." + m.getName();
        boolean declaresIo = false;
        Map<String, Class<? extends RpcRemoteException>> errors = new HashMap<>(shared);
        for (Class<?> x : m.getExceptionTypes()) {
            declaresIo |= x.isAssignableFrom(IOException.class);
            if (RpcRemoteException.class.isAssignableFrom(x) && x != RpcRemoteException.class) {
                errors.put(x.getSimpleName(), x.asSubclass(RpcRemoteException.class));
            }
        }
        if (!declaresIo) {
            throw new IllegalArgumentException(where + " must declare throws IOException");
        }
        Type[] params = m.getGenericParameterTypes();
        int json = -1;
        int stream = -1;
        for (int i = 0; i < params.length; i++) {
            if (params[i] == InputStream.class && stream < 0) {
                stream = i;
            } else if (json < 0 && stream < 0 && !isStreamish(params[i])) {
                json = i;
            } else {
                throw new IllegalArgumentException(where + ": parameters must be (), (Request), (InputStream)"
                        + " or (Request, InputStream)");
            }
        }
        Type ret = m.getGenericReturnType();
        BodyKind response;
        Type value = null;
        if (ret == void.class) {
            response = BodyKind.NONE;
        } else if (ret == InputStream.class) {
            response = BodyKind.STREAM;
        } else if (ret instanceof ParameterizedType p && p.getRawType() == Streamed.class) {
            response = BodyKind.JSON_STREAM;
            value = p.getActualTypeArguments()[0];
        } else if (ret == Streamed.class || isStreamish(ret)) {
            throw new IllegalArgumentException(where + ": return Streamed<T> with a type argument, or InputStream");
        } else {
            response = BodyKind.JSON;
            value = ret;
        }
        return new EndpointMethod(m, m.getName(), BodyKind.of(json >= 0, stream >= 0), json,
                json >= 0 ? params[json] : null, stream, response, value, Map.copyOf(errors));
    }

    private static boolean isStreamish(Type t) {
        Class<?> c = t instanceof Class<?> k ? k : t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : null;
        return c != null && (InputStream.class.isAssignableFrom(c) || Streamed.class == c);
    }
}
