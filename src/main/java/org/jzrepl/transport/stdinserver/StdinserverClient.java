package org.jzrepl.transport.stdinserver;

import static org.jzrepl.transport.stdinserver.StdinserverProtocol.ACCEPT;
import static org.jzrepl.transport.stdinserver.StdinserverProtocol.EXIT_DAEMON_VANISHED;
import static org.jzrepl.transport.stdinserver.StdinserverProtocol.EXIT_NOT_REACHABLE;
import static org.jzrepl.transport.stdinserver.StdinserverProtocol.HANDOVER;
import static org.jzrepl.transport.stdinserver.StdinserverProtocol.REFUSE;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jzrepl.transport.ClientIdentity;
import org.jzrepl.transport.PrivateDir;
import org.jzrepl.util.LogText;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The forced command {@code jzrepl stdinserver IDENTITY}: hands this process's stdin and stdout to
 * the daemon listening on {@code <sockdir>/IDENTITY}, then waits for the daemon's status byte and
 * returns it as the exit status. Writes nothing to stdout except, on failure, the ERROR banner the
 * dialing side turns into "remote jzrepl daemon not reachable". Diagnostics go to stderr.
 * The fds go only to a socket, and a process behind it, of root or this process's own user
 * ({@link DaemonSocketCheck}). Single-threaded; meant to be called once per process.
 */
public final class StdinserverClient {
    private final PrintStream stderr;
    private final PrintStream stdout;

    /** {@code stdout} must be fd 1 in production: the ERROR banner goes there. */
    StdinserverClient(PrintStream stderr, PrintStream stdout) {
        this.stderr = stderr;
        this.stdout = stdout;
    }

    /** Runs the hand-over for this process's fds 0 and 1; returns the exit status to use. */
    public static int run(Path sockdir, String identity) {
        // System.out is fd 1 here; under a test runner it is the runner's capture, which is right too
        StdinserverClient client = new StdinserverClient(System.err, System.out);
        int ownUid;
        try {
            ownUid = PrivateDir.ownUid();
        } catch (IOException | RuntimeException e) {
            return client.notReachable(String.valueOf(identity), "cannot tell this process's uid: " + e.getMessage());
        }
        return client.handOver(sockdir, identity, ownUid);
    }

    /**
     * Writes the ERROR banner with {@code reason} to stdout (and the reason to stderr) without trying
     * the daemon, for failures before the hand-over such as an unreadable config; returns the exit status.
     */
    public static int reportNotReachable(String identity, String reason) {
        return new StdinserverClient(System.err, System.out).notReachable(String.valueOf(identity), reason);
    }

    /** The hand-over as {@code ownUid}; package-private so tests can pose as another user. */
    int handOver(Path sockdir, String identity, int ownUid) {
        if (!ClientIdentity.isValid(identity)) {
            return notReachable(String.valueOf(identity), "invalid identity name '" + identity
                    + "' in the forced command: use letters, digits, '_', '-', '.', ':'");
        }
        Path socket = sockdir.resolve(identity);
        AFUNIXSocket sock;
        try {
            sock = AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(socket));
        } catch (IOException e) {
            return notReachable(identity, ConnectDiagnosis.explain(sockdir, identity, e));
        }
        boolean stdioDropped = false;
        try (sock) {
            String untrusted = DaemonSocketCheck.refusal(socket, sock, ownUid);
            if (untrusted != null) {
                return notReachable(identity, untrusted);
            }
            sock.setSoTimeout((int) StdinserverProtocol.HANDOVER_TIMEOUT.toMillis());
            sock.setOutboundFileDescriptors(FileDescriptor.in, FileDescriptor.out);
            OutputStream toDaemon = sock.getOutputStream();
            toDaemon.write(HANDOVER);
            toDaemon.flush();
            InputStream fromDaemon = sock.getInputStream();
            int reply = fromDaemon.read();
            if (reply == REFUSE) {
                return notReachable(identity, "the daemon refused the hand-over: " + readReason(fromDaemon));
            }
            if (reply != ACCEPT) {
                return notReachable(identity, "the daemon closed " + socket + " during the hand-over (see the daemon's log)");
            }
            dropStdio();
            stdioDropped = true;
            sock.setSoTimeout(0);
            int status = fromDaemon.read();
            return status < 0 ? EXIT_DAEMON_VANISHED : status;
        } catch (SocketTimeoutException e) {
            return notReachable(identity, "the daemon did not answer on " + socket + " within "
                    + StdinserverProtocol.HANDOVER_TIMEOUT.toSeconds() + "s");
        } catch (IOException e) {
            if (stdioDropped) {
                stderr.println("jzrepl stdinserver: lost the daemon's socket " + socket + ": " + e.getMessage());
                return EXIT_DAEMON_VANISHED;
            }
            return notReachable(identity, "hand-over on " + socket + " failed: " + e.getMessage());
        }
    }

    private static String readReason(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while (buf.size() < StdinserverProtocol.MAX_REASON_BYTES && (b = in.read()) >= 0 && b != '\n') {
            buf.write(b);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** Closing the standard fds makes the JDK point them at /dev/null, so they are not reused. */
    private static void dropStdio() throws IOException {
        new FileInputStream(FileDescriptor.in).close();
        new FileOutputStream(FileDescriptor.out).close();
    }

    private int notReachable(String identity, String reason) {
        // the reason may carry the daemon's REFUSE text or an OS message: one escaped line either way
        String line = StdinserverProtocol.oneLine(LogText.escape(reason));
        String who = StdinserverProtocol.oneLine(LogText.escape(identity));
        stderr.println("jzrepl stdinserver: identity " + who + ": " + line);
        byte[] detail = (who + "\t" + line + "\n").getBytes(StandardCharsets.UTF_8);
        PrintStream out = stdout;
        out.write(StdinserverProtocol.ERROR, 0, StdinserverProtocol.ERROR.length);
        out.write(detail, 0, detail.length);
        out.flush();
        if (out.checkError()) {
            stderr.println("jzrepl stdinserver: cannot write the error banner to stdout");
        }
        return EXIT_NOT_REACHABLE;
    }
}
