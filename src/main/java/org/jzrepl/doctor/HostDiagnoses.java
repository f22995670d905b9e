package org.jzrepl.doctor;

import java.nio.file.Path;
import java.util.Optional;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.transport.TransportException;

/**
 * Pure diagnoses of what is not about one filesystem: the peer a job dials, the daemon's private
 * socket directories and the control socket ({@link StaleDiagnosis} judges holds and cursors).
 */
public final class HostDiagnoses {

    private HostDiagnoses() {
    }

    /**
     * Dialling the job's peer and exchanging jzrepl's handshake.
     *
     * @param peer    how the connect section names it, e.g. {@code ssh+stdinserver backup@host:22}
     * @param failure null when the peer answered with jzrepl's protocol
     */
    public static Finding peer(String peer, Throwable failure) {
        if (failure == null) {
            return Finding.ok("peer", peer + " answers with jzrepl's protocol");
        }
        String why = message(failure);
        if (failure instanceof TransportException t) {
            return switch (t.kind()) {
                case UNREACHABLE -> Finding.problem("peer", "cannot reach " + peer + ": " + why,
                        "check that the host is up and the port open, e.g. ssh -p PORT USER@HOST true");
                case HOST_KEY_REJECTED -> hostKey(peer, why);
                case AUTHENTICATION_FAILED -> Finding.problem("peer", peer + " refused the login: " + why,
                        "append the identity_file's public key to the peer's authorized_keys, with"
                                + " command=\"jzrepl stdinserver IDENTITY\",restrict");
                case PROTOCOL -> forcedCommand(peer, why);
                case DAEMON_NOT_REACHABLE -> Finding.problem("peer", "the jzrepl daemon on " + peer
                        + " does not answer: " + why, "on the peer: systemctl start jzrepl");
                case OVER_CAPACITY -> Finding.problem("peer", peer + " serves as many connections as allowed: " + why,
                        "raise the serve section's connection caps on the peer, or wait");
                case CONFIGURATION -> Finding.problem("peer", "cannot dial " + peer + ": " + why, null);
            };
        }
        if (failure instanceof ProtocolException p) {
            if (p.code() == ProtocolException.Code.BAD_HANDSHAKE) {
                return forcedCommand(peer, why);
            }
            if (p.code() == ProtocolException.Code.VERSION_MISMATCH) {
                return Finding.problem("peer", peer + " runs another jzrepl protocol version: " + why,
                        "install the same jzrepl version on both hosts");
            }
        }
        return Finding.problem("peer", "cannot reach " + peer + ": " + why,
                "check that the host is up and the port open, e.g. ssh -p PORT USER@HOST true");
    }

    /** The transport's message ends with the known_hosts line to add, after a newline. */
    private static Finding hostKey(String peer, String why) {
        int nl = why.lastIndexOf('\n');
        if (nl < 0) {
            return Finding.problem("peer", why, "fix the known_hosts entry of " + peer);
        }
        String line = why.substring(nl + 1).strip();
        String file = knownHostsFile(why.substring(0, nl));
        return Finding.problem("peer", why.substring(0, nl).replaceAll(",? then add this line to [^ ]*:$", "")
                        .replaceAll(" and add this line:$", "").strip(),
                "echo '" + line + "' >> " + file);
    }

    private static String knownHostsFile(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("add this line to ([^ ]+):$").matcher(text);
        return m.find() ? m.group(1) : "~/.ssh/known_hosts";
    }

    private static Finding forcedCommand(String peer, String why) {
        return Finding.problem("peer", peer + " did not answer as jzrepl: its forced command is not"
                + " jzrepl stdinserver (" + why + ")",
                "in the peer's authorized_keys, start the key's line with command=\"jzrepl stdinserver IDENTITY\",restrict");
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /**
     * A private socket directory ({@code role}: {@code control socket directory}, {@code stdinserver
     * sockdir}). {@code problem}: what {@code PrivateDir.require} refused, empty when fine; a missing
     * directory is fine: the daemon creates it 0700.
     */
    public static Finding privateDir(String role, Path dir, boolean exists, Optional<String> problem) {
        if (problem.isPresent()) {
            String p = problem.get();
            int run = p.indexOf(": run ");
            int colon = p.indexOf(": ");
            if (run >= 0) {
                return Finding.problem(role, p.substring(0, run), p.substring(run + 6));
            }
            return Finding.problem(role, colon < 0 ? p : p.substring(0, colon),
                    colon < 0 ? "chmod 0700 " + dir : p.substring(colon + 2));
        }
        return Finding.ok(role, dir + (exists ? " is private" : " does not exist yet (the daemon creates it 0700)"));
    }

    /**
     * The control socket: {@code problem} is empty when the daemon answered, else why not (not
     * running, or permission denied).
     */
    public static Finding daemon(Path sockpath, Optional<String> problem, boolean permissionDenied) {
        if (problem.isEmpty()) {
            return Finding.ok("daemon", "running, answers on " + sockpath);
        }
        if (permissionDenied) {
            return Finding.problem("daemon", "cannot use the control socket " + sockpath + ": " + problem.get(),
                    "run jzrepl doctor as the daemon's user (e.g. sudo jzrepl doctor)");
        }
        return Finding.problem("daemon", "not running (" + problem.get() + "): no job replicates or snapshots",
                "systemctl start jzrepl");
    }
}
