package org.jzrepl.transport.stdinserver;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Turns a failed connect to {@code <sockdir>/IDENTITY} into a reason a sysadmin can act on. */
final class ConnectDiagnosis {
    private ConnectDiagnosis() {
    }

    static String explain(Path sockdir, String identity, IOException e) {
        Path socket = sockdir.resolve(identity);
        if (!Files.isDirectory(sockdir)) {
            return "socket directory " + sockdir + " does not exist: the jzrepl daemon is not running here,"
                    + " or its global.serve.stdinserver.sockdir differs";
        }
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            int others = countEntries(sockdir);
            if (others == 0) {
                return "the jzrepl daemon is not running (no sockets in " + sockdir + ")";
            }
            if (others < 0) {
                return "cannot see " + socket + " (" + e.getMessage() + "): run the forced command as the daemon's user";
            }
            return "unknown identity: no socket " + socket + "; add '" + identity
                    + "' to client_identities of the daemon's stdinserver serve job";
        }
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("refused")) {
            return "the jzrepl daemon is not running (stale socket " + socket + ": connection refused)";
        }
        if (msg.contains("denied")) {
            return "permission denied on " + socket + ": run the forced command as the daemon's user";
        }
        return "cannot connect to " + socket + ": " + msg;
    }

    /** Number of directory entries, or -1 if the directory cannot be listed. */
    private static int countEntries(Path dir) {
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path ignored : ds) {
                n++;
            }
            return n;
        } catch (IOException e) {
            return -1;
        }
    }
}
