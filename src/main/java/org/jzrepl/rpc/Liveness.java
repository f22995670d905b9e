package org.jzrepl.rpc;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jzrepl.rpc.frame.FrameReader;
import org.jzrepl.rpc.frame.FrameWriter;
import org.jzrepl.rpc.frame.ProtocolException;

/**
 * Heartbeat and idle watchdog of one connection, driven by a timer shared by all connections
 * (the wire may be a pipe with no socket timeouts, so time is kept here). Each tick:
 * <ul>
 *   <li>a read waiting for a byte, or a write blocked, longer than the idle timeout ends the
 *       connection with IDLE_TIMEOUT (the channels are closed, which unblocks the call);</li>
 *   <li>if heartbeats are on and nothing was written for the heartbeat interval, a HEARTBEAT is
 *       written, on a separate thread, since a write may block while the peer is not reading;</li>
 *   <li>a serving connection that has waited between calls longer than the call idle timeout
 *       (heartbeats do not count) is closed with CLOSE.</li>
 * </ul>
 * Ticks never block, so one stuck connection cannot delay another's watchdog.
 */
final class Liveness {
    private static final ScheduledExecutorService TIMER = timer();
    private static final ExecutorService HEARTBEATS = Executors.newCachedThreadPool(daemon("jzrepl-rpc-heartbeat"));

    private final RpcConnection conn;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final long heartbeatNanos;
    private final long idleNanos;
    private final long callIdleNanos;
    private final AtomicBoolean heartbeatInFlight = new AtomicBoolean();
    private volatile boolean heartbeats = true;
    private ScheduledFuture<?> tick;

    Liveness(RpcConnection conn, FrameReader reader, FrameWriter writer, RpcSettings settings) {
        this.conn = conn;
        this.reader = reader;
        this.writer = writer;
        this.heartbeatNanos = settings.heartbeatInterval().toNanos();
        this.idleNanos = settings.idleTimeout().toNanos();
        this.callIdleNanos = settings.callIdleTimeout().toNanos();
    }

    /** Runs once after the delay unless cancelled: for one-off deadlines (handshake, close). */
    static ScheduledFuture<?> after(Duration delay, Runnable task) {
        return TIMER.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    synchronized void start() {
        long period = Math.max(5_000_000L, Math.min(1_000_000_000L,
                Math.min(Math.min(heartbeatNanos, idleNanos), callIdleNanos) / 4));
        tick = TIMER.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
    }

    synchronized void stop() {
        if (tick != null) {
            tick.cancel(false);
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
        } else if (conn.waitingForCallLongerThan(now, callIdleNanos)) {
            stop();
            Duration limit = Duration.ofNanos(callIdleNanos);
            HEARTBEATS.execute(() -> conn.closeIdle("no call for " + limit));
        } else if (heartbeats && !writer.isClosed() && now - writer.lastWriteNanos() >= heartbeatNanos
                && heartbeatInFlight.compareAndSet(false, true)) {
            HEARTBEATS.execute(() -> {
                try {
                    writer.tryHeartbeat();
                } catch (ProtocolException e) {
                    // the call in progress, or the watchdog, will see the broken connection
                } finally {
                    heartbeatInFlight.set(false);
                }
            });
        }
    }

    /** Ends the connection; closing channels may wait for blocked threads, so not on the timer. */
    private void expire(String why) {
        stop();
        HEARTBEATS.execute(() -> conn.terminate(new ProtocolException(ProtocolException.Code.IDLE_TIMEOUT, why)));
    }

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemon("jzrepl-rpc-timer"));
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
