package org.jzrepl.daemon.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Makes a unix socket path safe to bind: the directory exists (created 0700 if missing) and grants
 * nothing to others; a stale socket is removed; any other file at the path is refused.
 */
final class PrivateSocketPath {
    private PrivateSocketPath() {
    }

    /** True if something accepts connections on the socket: it is live, not stale. */
    private static boolean answers(Path sockpath) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(sockpath));
            return true;
        } catch (IOException e) {
            return false;
        }
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
            Object type = Files.getAttribute(sockpath, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            boolean socket = (((Integer) type) & 0170000) == 0140000;
            if (!socket) {
                throw new IOException(sockpath + " exists and is not a socket; remove it or choose another control.sockpath");
            }
            if (answers(sockpath)) {
                throw new IOException("another jzrepl daemon is serving the control socket " + sockpath
                        + "; stop it first or choose another control.sockpath");
            }
            Files.delete(sockpath);
        }
    }
}
