package org.jzrepl.rpc;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jzrepl.rpc.frame.FrameReader;
import org.jzrepl.rpc.frame.FrameWriter;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.runtime.Task;
import org.jzrepl.runtime.TaskRunner;

/**
 * Heartbeat and idle watchdog of one connection, ticking as a scheduled task of the settings'
 * {@link TaskRunner} (the wire may be a pipe with no socket timeouts, so time is kept here;
 * blocked-for durations are measured on {@link System#nanoTime()}). Each tick:
 * <ul>
 *   <li>a read waiting for a byte, or a write blocked, longer than the idle timeout ends the
 *       connection with IDLE_TIMEOUT (the channels are closed, which unblocks the call);</li>
 *   <li>if heartbeats are on and nothing was written for the heartbeat interval, a HEARTBEAT is
 *       written, on a separate thread, since a write may block while the peer is not reading; if
 *       that write fails, the connection ends;</li>
 *   <li>a serving connection that has waited between calls longer than the call idle timeout
 *       (heartbeats do not count) is closed with CLOSE.</li>
 * </ul>
 * Ticks never block (writes and closes run as tasks of their own), so one stuck connection cannot
 * delay another's watchdog.
 */
final class Liveness {

    private final RpcConnection conn;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final long heartbeatNanos;
    private final long idleNanos;
    private final long callIdleNanos;
    private final TaskRunner timers;
    private final Duration period;
    private final AtomicBoolean heartbeatInFlight = new AtomicBoolean();
    private volatile boolean heartbeats = true;
    private Task tick;
    private boolean stopped;

    Liveness(RpcConnection conn, FrameReader reader, FrameWriter writer, RpcSettings settings) {
        this.conn = conn;
        this.reader = reader;
        this.writer = writer;
        this.heartbeatNanos = settings.heartbeatInterval().toNanos();
        this.idleNanos = settings.idleTimeout().toNanos();
        this.callIdleNanos = settings.callIdleTimeout().toNanos();
        this.timers = settings.timers();
        this.period = Duration.ofNanos(Math.max(5_000_000L, Math.min(1_000_000_000L,
                Math.min(Math.min(heartbeatNanos, idleNanos), callIdleNanos) / 4)));
    }

    /** Runs once after the delay unless cancelled: for one-off deadlines (handshake, close). */
    static Task after(RpcSettings settings, String name, Duration delay, Runnable task) {
        TaskRunner r = settings.timers();
        return r.schedule("rpc " + name, r.clock().instant().plus(delay), task);
    }

    synchronized void start() {
        scheduleNext();
    }

    private synchronized void scheduleNext() {
        if (!stopped) {
            tick = timers.schedule("rpc liveness", timers.clock().instant().plus(period), () -> {
                tick();
                scheduleNext();
            });
        }
    }

    synchronized void stop() {
        stopped = true;
        if (tick != null) {
            tick.cancel();
        }
    }

    /** Whether this side sends heartbeats when idle (the server only does during a call). */
    void heartbeats(boolean on) {
        heartbeats = on;
    }

    private void tick() {
        long now = System.nanoTime();
        if (reader.blockedNanos(now) > idleNanos) {
            expire("no data from peer for " + Duration.ofNanos(idleNanos));
        } else if (writer.blockedNanos(now) > idleNanos) {
            expire("peer has not accepted data for " + Duration.ofNanos(idleNanos));
        } else if (conn.side().waitingForCallLongerThan(now, callIdleNanos)) {
            stop();
            Duration limit = Duration.ofNanos(callIdleNanos);
            timers.execute("rpc idle close", () -> conn.closeIdle("no call for " + limit));
        } else if (heartbeats && !writer.isClosed() && now - writer.lastWriteNanos() >= heartbeatNanos
                && heartbeatInFlight.compareAndSet(false, true)) {
            timers.execute("rpc heartbeat", () -> {
                try {
                    writer.tryHeartbeat();
                } catch (ProtocolException e) {
                    // The peer is gone. End the connection now: a server blocked reading a stalled
                    // producer (a stopped zfs send) would not notice, and closing the channels
                    // closes that producer too, which kills its process.
                    conn.terminate(e);
                } finally {
                    heartbeatInFlight.set(false);
                }
            });
        }
    }

    /** Ends the connection; closing channels may wait for blocked threads, so not on the timer. */
    private void expire(String why) {
        stop();
        timers.execute("rpc idle timeout", () -> conn.terminate(new ProtocolException(ProtocolException.Code.IDLE_TIMEOUT, why)));
    }
}
