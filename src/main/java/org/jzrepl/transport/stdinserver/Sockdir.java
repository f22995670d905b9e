package org.jzrepl.transport.stdinserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.jzrepl.transport.TransportException;
import org.jzrepl.transport.UnixSockets;
import org.jzrepl.transport.TransportException.Kind;

/** Checks on the socket directory and on the socket paths in it, done before the daemon listens. */
final class Sockdir {
    private Sockdir() {
    }

    /** The uid this process runs as. */
    static int ownUid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    /**
     * The directory must exist, be a real directory, belong to the daemon's user and grant nothing
     * to others ({@code mode & 0007 == 0}): the sockets in it are world-connectable.
     */
    static void requirePrivate(Path dir, int daemonUid) throws TransportException {
        String fix = "create it with: install -d -m 0700 -o " + daemonUid + " " + dir;
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw config("stdinserver sockdir " + dir + " does not exist: " + fix);
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw config("stdinserver sockdir " + dir + " is not a directory (symlinks are not followed): " + fix);
        }
        int mode;
        int owner;
        try {
            mode = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw config("cannot read the owner and mode of stdinserver sockdir " + dir + ": " + e.getMessage());
        }
        if (owner != daemonUid) {
            throw config("stdinserver sockdir " + dir + " belongs to uid " + owner + ", not to the daemon's uid "
                    + daemonUid + ": run chown " + daemonUid + " " + dir);
        }
        if ((mode & 0007) != 0) {
            throw config(String.format("stdinserver sockdir %s is accessible by others (mode %04o): run chmod o-rwx %s",
                    dir, mode & 07777, dir));
        }
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
