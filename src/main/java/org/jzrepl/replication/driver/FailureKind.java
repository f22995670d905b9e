package org.jzrepl.replication.driver;

import java.util.IdentityHashMap;
import java.util.Map;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.rpc.message.RpcRemoteException;
import org.jzrepl.rpc.stream.StreamException;
import org.jzrepl.transport.TransportException;
import org.jzrepl.zfs.ZfsException;

/** What a failed call means for the run: the driver's only retry decision. */
enum FailureKind {
    /** The call failed, the connection is fine (refused, zfs failed): that filesystem fails, no retry. */
    FILESYSTEM,
    /** The connection failed and a new one may work: the attempt ends, a new one reconnects and re-plans. */
    CONNECTIVITY,
    /** The connection failed and a new one will not help (authentication, another protocol): the run fails. */
    FATAL;

    /** How many causes and suppressed exceptions to look through for a connection failure. */
    private static final int MAX_CHAIN = 16;

    /**
     * Classifies {@code failure}. A {@link ProtocolException} or {@link TransportException} anywhere in
     * its cause or suppressed chain (a local receiver's zfs error wrapping the remote stream's read
     * failure) makes it a connection failure, transient or not by its code. Otherwise a call failure
     * ({@link RpcRemoteException}, including endpoint errors), a producer's stream failure
     * ({@link StreamException}), a local {@link ZfsException} and any runtime exception concern the
     * filesystem; every other IOException is taken for the connection.
     */
    static FailureKind of(Throwable failure) {
        FailureKind connection = connectionFailure(failure, new IdentityHashMap<>());
        if (connection != null) {
            return connection;
        }
        if (failure instanceof RpcRemoteException || failure instanceof StreamException
                || failure instanceof ZfsException || !(failure instanceof java.io.IOException)) {
            return FILESYSTEM;
        }
        return CONNECTIVITY;
    }

    private static FailureKind connectionFailure(Throwable t, Map<Throwable, Boolean> seen) {
        if (t == null || seen.size() >= MAX_CHAIN || seen.put(t, Boolean.TRUE) != null) {
            return null;
        }
        if (t instanceof ProtocolException p) {
            return p.code().transientFailure() ? CONNECTIVITY : FATAL;
        }
        if (t instanceof TransportException x) {
            return x.isTemporary() ? CONNECTIVITY : FATAL;
        }
        FailureKind k = connectionFailure(t.getCause(), seen);
        for (Throwable s : t.getSuppressed()) {
            if (k == null) {
                k = connectionFailure(s, seen);
            }
        }
        return k;
    }

    /** One line for reports: the exception's message, or its type when it has none. */
    static String describe(Throwable failure) {
        String m = failure.getMessage();
        return m == null || m.isBlank() ? failure.getClass().getSimpleName() : m;
    }
}
