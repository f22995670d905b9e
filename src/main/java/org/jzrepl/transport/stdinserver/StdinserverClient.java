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
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The forced command {@code jzrepl stdinserver IDENTITY}: hands this process's stdin and stdout to
 * the daemon listening on {@code <sockdir>/IDENTITY}, then waits for the daemon's status byte and
 * returns it as the exit status. Writes nothing to stdout except, on failure, the ERROR banner the
 * dialing side turns into "remote jzrepl daemon not reachable". Diagnostics go to stderr.
 * Single-threaded; meant to be called once per process.
 */
public final class StdinserverClient {
    private final PrintStream stderr;

    private StdinserverClient(PrintStream stderr) {
        this.stderr = stderr;
    }

    /** Runs the hand-over for this process's fds 0 and 1; returns the exit status to use. */
    public static int run(Path sockdir, String identity) {
        return new StdinserverClient(System.err).handOver(sockdir, identity);
    }

    /**
     * Writes the ERROR banner with {@code reason} to stdout (and the reason to stderr) without trying
     * the daemon, for failures before the hand-over such as an unreadable config; returns the exit status.
     */
    public static int reportNotReachable(String identity, String reason) {
        return new StdinserverClient(System.err).notReachable(String.valueOf(identity), reason);
    }

    private int handOver(Path sockdir, String identity) {
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
        String line = StdinserverProtocol.oneLine(reason);
        stderr.println("jzrepl stdinserver: identity " + identity + ": " + line);
        byte[] detail = (StdinserverProtocol.oneLine(identity) + "\t" + line + "\n").getBytes(StandardCharsets.UTF_8);
        // System.out is fd 1 here; under a test runner it is the runner's capture, which is right too
        PrintStream out = System.out;
        out.write(StdinserverProtocol.ERROR, 0, StdinserverProtocol.ERROR.length);
        out.write(detail, 0, detail.length);
        out.flush();
        if (out.checkError()) {
            stderr.println("jzrepl stdinserver: cannot write the error banner to stdout");
        }
        return EXIT_NOT_REACHABLE;
    }
}
