package org.jzrepl.transport.stdinserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.jzrepl.transport.UnixSockets;
import org.newsclub.net.unix.AFUNIXSocket;

/**
 * What the forced command checks before it hands its fds 0 and 1 (the SSH connection) to the
 * process behind {@code <sockdir>/IDENTITY}: the socket file itself (not a symlink) and the
 * process listening on it (SO_PEERCRED) must both be root's or this process's own user's. Anyone
 * else could have put a socket there (a sockdir opened up by mistake, a daemon of another user)
 * and would get the SSH peer's stream.
 */
final class DaemonSocketCheck {
    /** Returned by the credential reader when the kernel did not say. */
    static final long UNKNOWN = -1;

    private DaemonSocketCheck() {
    }

    /** Null if {@code sock}, connected to {@code socket}, may have the fds; else why not. */
    static String refusal(Path socket, AFUNIXSocket sock, int ownUid) {
        long fileOwner;
        try {
            if (!UnixSockets.isSocket(socket)) {
                return socket + " is not a socket (a symlink is not followed): the daemon did not create it";
            }
            fileOwner = ((Integer) Files.getAttribute(socket, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
        } catch (IOException | RuntimeException e) {
            return "cannot read the owner of " + socket + ": " + e.getMessage();
        }
        long peerUid;
        try {
            peerUid = sock.getPeerCredentials().getUid();
        } catch (IOException | RuntimeException e) {
            return "cannot read the credentials of the process behind " + socket + ": " + e.getMessage();
        }
        return refusal(socket, fileOwner, peerUid, ownUid);
    }

    /** The decision on decoded values: null if both uids are root or {@code ownUid}. */
    static String refusal(Path socket, long fileOwner, long peerUid, int ownUid) {
        if (!trusted(fileOwner, ownUid)) {
            return "socket " + socket + " belongs to uid " + fileOwner + ", neither root nor this user (uid " + ownUid
                    + "): not handing the connection to it; remove it and restart the jzrepl daemon";
        }
        if (peerUid == UNKNOWN) {
            return "the kernel gave no credentials for the process behind " + socket + ": not handing the connection to it";
        }
        if (!trusted(peerUid, ownUid)) {
            return "the process listening on " + socket + " runs as uid " + peerUid + ", neither root nor this user (uid "
                    + ownUid + "): not handing the connection to it; is a foreign process serving the sockdir?";
        }
        return null;
    }

    private static boolean trusted(long uid, int ownUid) {
        return uid == 0 || uid == ownUid;
    }
}
