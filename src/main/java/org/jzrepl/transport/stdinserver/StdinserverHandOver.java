package org.jzrepl.transport.stdinserver;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import org.jzrepl.runtime.Task;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.transport.AuthenticatedWire;
import org.jzrepl.transport.ConnectionCaps;
import org.jzrepl.transport.TransportException;
import org.jzrepl.util.LogText;
import org.newsclub.net.unix.AFUNIXSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hand-over of one connection to a {@link StdinserverListener}'s socket, as a task of its own:
 * the peer must be the daemon's uid or root and send the HANDOVER message with 2 file descriptors
 * (SCM_RIGHTS), else it gets REFUSE with the reason; a connection over a cap ({@link
 * ConnectionCaps}) gets REFUSE with the cap. An accepted one gets ACCEPT, then must send its BEGIN
 * banner within the deadline (a scheduled task); its wire goes to the listener's queue. A failed
 * hand-over closes the connection and releases its permit. Holds no state of its own: safe from any
 * number of hand-over tasks at once.
 */
final class StdinserverHandOver {
    // logs as the listener it works for: the same logger name as before the split
    private static final Logger LOG = LoggerFactory.getLogger(StdinserverListener.class);

    private final int daemonUid;
    private final ConnectionCaps caps;
    private final TaskRunner runner;
    private final Consumer<AuthenticatedWire> ready;

    /** @param ready takes each handed-over wire, on the hand-over's task */
    StdinserverHandOver(int daemonUid, ConnectionCaps caps, TaskRunner runner, Consumer<AuthenticatedWire> ready) {
        this.daemonUid = daemonUid;
        this.caps = caps;
        this.runner = runner;
        this.ready = ready;
    }

    /** Hands over {@code conn}, which came in on the socket of {@code identity}; logs a failure. */
    void handOver(AFUNIXSocket conn, String identity) {
        HandedOverWire wire = null;
        ConnectionCaps.Permit permit = null;
        try {
            conn.setAncillaryReceiveBufferSize(StdinserverProtocol.ANCILLARY_BUFFER_SIZE);
            conn.setSoTimeout((int) StdinserverProtocol.HANDOVER_TIMEOUT.toMillis());
            long peerUid = conn.getPeerCredentials().getUid();
            byte[] msg = conn.getInputStream().readNBytes(StdinserverProtocol.BANNER_LENGTH);
            FileDescriptor[] fds = conn.getReceivedFileDescriptors();
            if (msg.length == 0 && (fds == null || fds.length == 0)) {
                LOG.debug("stdinserver: a connection for identity {} closed before the hand-over (a liveness probe?)", identity);
                conn.close();
                return;
            }
            if (peerUid != daemonUid && peerUid != 0) {
                closeAll(fds);
                refuse(conn, "peer uid " + peerUid + " is neither the daemon's uid " + daemonUid + " nor root");
                return;
            }
            if (!Arrays.equals(msg, StdinserverProtocol.HANDOVER) || fds == null || fds.length != 2) {
                closeAll(fds);
                refuse(conn, "expected the HANDOVER message with 2 file descriptors, got "
                        + StdinserverProtocol.describe(msg, msg.length) + " with " + (fds == null ? 0 : fds.length));
                return;
            }
            try {
                permit = caps.acquire(identity);
            } catch (TransportException over) {
                closeAll(fds);
                refuseOverCap(conn, over.getMessage());
                return;
            }
            wire = new HandedOverWire(new FileInputStream(fds[0]).getChannel(), new FileOutputStream(fds[1]).getChannel(),
                    conn, permit::release);
            OutputStream ack = conn.getOutputStream();
            ack.write(StdinserverProtocol.ACCEPT);
            ack.flush();
            conn.setSoTimeout(0);
            HandedOverWire w = wire;
            Task timer = runner.schedule("stdinserver BEGIN deadline " + identity,
                    runner.clock().instant().plus(StdinserverProtocol.BEGIN_TIMEOUT), () -> abort(w, identity));
            try {
                StdinserverHandshake.serverSide(wire.in(), wire.out());
            } finally {
                timer.cancel();
            }
            ready.accept(new AuthenticatedWire(wire, identity));
        } catch (IOException | RuntimeException e) {
            LOG.warn("stdinserver: hand-over for identity {} failed: {}", identity, LogText.escape(e.toString()));
            closeQuietly(wire, conn);
            if (permit != null) {
                permit.release();
            }
        }
    }

    private static void abort(HandedOverWire wire, String identity) {
        LOG.warn("stdinserver: client for identity {} sent no BEGIN banner within {}s, closing",
                identity, StdinserverProtocol.BEGIN_TIMEOUT.toSeconds());
        closeQuietly(wire, null);
    }

    private static void refuse(AFUNIXSocket conn, String reason) throws IOException {
        LOG.warn("stdinserver: refused a connection: {}", LogText.escape(reason));
        refuseOverCap(conn, reason);
    }

    /**
     * REFUSE with the reason, then close, without logging: for a connection over a cap {@link
     * ConnectionCaps} has logged it (rate-limited); {@link #refuse} logs, then comes here.
     */
    private static void refuseOverCap(AFUNIXSocket conn, String reason) throws IOException {
        try (conn) {
            OutputStream os = conn.getOutputStream();
            os.write(StdinserverProtocol.REFUSE);
            os.write((StdinserverProtocol.oneLine(reason) + "\n").getBytes(StandardCharsets.UTF_8));
            os.flush();
        }
    }

    private static void closeAll(FileDescriptor[] fds) {
        if (fds == null) {
            return;
        }
        for (FileDescriptor fd : fds) {
            try {
                new FileInputStream(fd).close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    static void closeQuietly(HandedOverWire wire, AFUNIXSocket conn) {
        try {
            if (wire != null) {
                wire.close(StdinserverProtocol.EXIT_DAEMON_VANISHED);
            } else if (conn != null) {
                conn.close();
            }
        } catch (IOException ignored) {
            // already failing
        }
    }
}
