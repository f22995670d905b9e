package org.jzrepl.daemon.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.jzrepl.transport.UnixSockets;

/**
 * Makes a unix socket path safe to bind: the directory exists (created 0700 if missing) and grants
 * nothing to others; a stale socket is removed; any other file at the path is refused.
 */
final class PrivateSocketPath {
    private PrivateSocketPath() {
    }

    static void prepare(Path sockpath) throws IOException {
        Path dir = sockpath.toAbsolutePath().getParent();
        if (!Files.exists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
        if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.OTHERS_WRITE)
                || perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
            throw new IOException("control socket directory " + dir + " is accessible by others (mode "
                    + PosixFilePermissions.toString(perms) + "); run: chmod o-rwx " + dir);
        }
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
