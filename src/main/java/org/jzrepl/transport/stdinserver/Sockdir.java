package org.jzrepl.transport.stdinserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.jzrepl.transport.PrivateDir;
import org.jzrepl.transport.TransportException;
import org.jzrepl.transport.UnixSockets;
import org.jzrepl.transport.TransportException.Kind;

/** Checks on the socket directory and on the socket paths in it, done before the daemon listens. */
final class Sockdir {
    private Sockdir() {
    }

    /** The uid this process runs as. */
    static int ownUid() throws IOException {
        return PrivateDir.ownUid();
    }

    /** The sockets in it are world-connectable: see {@link PrivateDir#require}. */
    static void requirePrivate(Path dir, int daemonUid) throws TransportException {
        PrivateDir.require(dir, "stdinserver sockdir", daemonUid);
    }

    /**
     * Makes {@code path} free for a new socket: a stale socket is removed; a socket with a live
     * listener, or any other kind of file, is an error.
     */
    static void clearForBind(Path path) throws TransportException {
        if (path.toString().getBytes(StandardCharsets.UTF_8).length > StdinserverProtocol.MAX_SOCKET_PATH_BYTES) {
            throw config("socket path " + path + " is longer than " + StdinserverProtocol.MAX_SOCKET_PATH_BYTES
                    + " bytes, the limit of unix sockets: choose a shorter sockdir or identity");
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            if (!UnixSockets.isSocket(path)) {
                throw config(path + " exists and is not a socket: remove it or choose another sockdir");
            }
            if (UnixSockets.isLive(path)) {
                throw config("another process is listening on " + path + ": is a second jzrepl daemon running?");
            }
            Files.delete(path);
        } catch (IOException e) {
            if (e instanceof TransportException te) {
                throw te;
            }
            throw config("cannot replace stale socket " + path + ": " + e.getMessage());
        }
    }

    private static TransportException config(String message) {
        return new TransportException(Kind.CONFIGURATION, message);
    }
}
