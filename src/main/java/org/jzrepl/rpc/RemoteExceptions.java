package org.jzrepl.rpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jzrepl.rpc.message.RpcRemoteException;

/**
 * On an endpoint interface (or one it extends): the {@link RpcRemoteException} subclasses its
 * implementations throw, so that the client rethrows them as those types even where a method
 * only declares {@code throws IOException}. Each needs a public {@code (String code, String
 * message)} constructor. Types in a method's own {@code throws} clause count as well.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RemoteExceptions {
    Class<? extends RpcRemoteException>[] value();
}
