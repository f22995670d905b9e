package org.jzrepl.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.jzrepl.transport.TransportException.Kind;

/**
 * The check for a directory that holds a daemon's unix sockets (the stdinserver sockdir, the
 * control socket's directory): whoever can write there can replace a socket and impersonate
 * the daemon, and whoever can enter it can connect. So the directory must be a real directory
 * (a symlink is not followed), belong to the daemon's user, and grant nothing to others and no
 * write to the group. Done once before listening; the error says what to run.
 */
public final class PrivateDir {
    /** Permission bits that must be clear: group write and everything for others. */
    public static final int FORBIDDEN_MODE_BITS = 0027;

    private PrivateDir() {
    }

    /** The (effective) uid this process runs as. */
    public static int ownUid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    /**
     * Refuses {@code dir} unless it exists, is a directory itself (not through a symlink), belongs
     * to {@code daemonUid} and has none of {@link #FORBIDDEN_MODE_BITS}.
     *
     * @param role what the directory is, for the message, e.g. {@code "stdinserver sockdir"}
     * @throws TransportException CONFIGURATION naming the fix
     */
    public static void require(Path dir, String role, int daemonUid) throws TransportException {
        String fix = "create it with: install -d -m 0700 -o " + daemonUid + " " + dir;
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw config(role + " " + dir + " does not exist: " + fix);
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw config(role + " " + dir + " is not a directory (symlinks are not followed): remove it, then " + fix);
        }
        int mode;
        int owner;
        try {
            mode = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            throw config("cannot read the owner and mode of " + role + " " + dir + ": " + e.getMessage());
        }
        if (owner != daemonUid) {
            throw config(role + " " + dir + " belongs to uid " + owner + ", not to the daemon's uid "
                    + daemonUid + ": run chown " + daemonUid + " " + dir);
        }
        if ((mode & 0007) != 0) {
            throw config(String.format("%s %s is accessible by others (mode %04o): run chmod o-rwx %s",
                    role, dir, mode & 07777, dir));
        }
        if ((mode & 0020) != 0) {
            throw config(String.format("%s %s is writable by its group (mode %04o): run chmod g-w %s",
                    role, dir, mode & 07777, dir));
        }
    }

    private static TransportException config(String message) {
        return new TransportException(Kind.CONFIGURATION, message);
    }
}
