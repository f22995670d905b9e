package org.jzrepl.daemon.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jzrepl.transport.PrivateDir;
import org.jzrepl.transport.UnixSockets;

/**
 * Makes a unix socket path safe to bind: the directory is created 0700 if missing, and must then
 * pass the same check as the stdinserver sockdir ({@link PrivateDir#require}: no symlink, owned by
 * the daemon's user, nothing for others, no group write); a stale socket is removed; any other
 * file at the path is refused.
 */
final class PrivateSocketPath {
    static final String ROLE = "control socket directory";

    private PrivateSocketPath() {
    }

    /** As {@link #prepare(Path, int)} for this process's uid. */
    static void prepare(Path sockpath) throws IOException {
        prepare(sockpath, PrivateDir.ownUid());
    }

    /** Checks (creating if missing) the socket's directory for {@code daemonUid} and clears the path. */
    static void prepare(Path sockpath, int daemonUid) throws IOException {
        Path dir = sockpath.toAbsolutePath().getParent();
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        PrivateDir.require(dir, ROLE, daemonUid);
        if (Files.exists(sockpath, LinkOption.NOFOLLOW_LINKS)) {
            if (!UnixSockets.isSocket(sockpath)) {
                throw new IOException(sockpath + " exists and is not a socket; remove it or choose another control.sockpath");
            }
            if (UnixSockets.isLive(sockpath)) {
                throw new IOException("another jzrepl daemon is serving the control socket " + sockpath
                        + "; stop it first or choose another control.sockpath");
            }
            Files.delete(sockpath);
        }
    }
}
