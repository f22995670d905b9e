package org.jzrepl.rpc.frame;

import java.io.IOException;

/**
 * Why a connection ended, shared by its {@link FrameReader} and {@link FrameWriter}. When a
 * watchdog or another thread closes the channels under a blocked read or write, the blocked
 * call fails with some IOException; this turns it into the recorded reason. First reason wins.
 */
public final class LinkState {
    private volatile ProtocolException cause;

    /** Records why the connection ends; returns the reason that is in effect (first wins). */
    public synchronized ProtocolException end(ProtocolException reason) {
        if (cause == null) {
            cause = reason;
        }
        return cause;
    }

    /** The recorded reason, or null while the connection is alive. */
    public ProtocolException cause() {
        return cause;
    }

    /** Throws the recorded reason if there is one. */
    public void check() throws ProtocolException {
        ProtocolException c = cause;
        if (c != null) {
            throw copy(c, null);
        }
    }

    /** The exception to throw for an I/O failure: the recorded reason, else IO_ERROR. */
    public ProtocolException translate(IOException e, String what) {
        if (e instanceof ProtocolException pe) {
            return pe;
        }
        ProtocolException c = cause;
        if (c != null) {
            return copy(c, e);
        }
        return new ProtocolException(ProtocolException.Code.IO_ERROR, what + ": " + e, e);
    }

    private static ProtocolException copy(ProtocolException c, Throwable cause) {
        String msg = c.getMessage();
        String prefix = c.code() + ": ";
        return new ProtocolException(c.code(), msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg,
                cause == null ? c : cause);
    }
}
