package org.jzrepl.transport.ssh;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.session.ClientSession;

/**
 * The SSH sessions of one connecter: up to {@value #MAX_CHANNELS_PER_SESSION} channels per session
 * (OpenSSH's MaxSessions defaults to 10), more sessions beyond that. A session without channels is
 * closed after {@link #IDLE_SESSION_LINGER}. New sessions are dialed one at a time (concurrent
 * first connects share one), outside the state lock, so releasing a slot never waits for a dial.
 */
final class SshSessionPool {
    static final int MAX_CHANNELS_PER_SESSION = 8;
    static final Duration IDLE_SESSION_LINGER = Duration.ofSeconds(60);

    private final SshSessionDialer dialer;
    private final ScheduledExecutorService timer;
    private final List<Slot> slots = new ArrayList<>();
    private final Object dialLock = new Object();
    private boolean closed;

    /** One SSH session and the number of channels using it. Guarded by the pool. */
    static final class Slot {
        final ClientSession session;
        int channels;
        ScheduledFuture<?> linger;

        Slot(ClientSession session) {
            this.session = session;
        }
    }

    SshSessionPool(SshSessionDialer dialer, ScheduledExecutorService timer) {
        this.dialer = dialer;
        this.timer = timer;
    }

    /** A channel slot on an open session, dialing a new session (before {@code deadline}) if all are full. */
    Slot reserve(long deadline) throws IOException {
        Slot slot = tryReserve();
        if (slot != null) {
            return slot;
        }
        synchronized (dialLock) {
            slot = tryReserve();
            if (slot != null) {
                return slot;
            }
            ClientSession session = dialer.dial(deadline);
            synchronized (this) {
                if (closed) {
                    session.close(true);
                    throw new ClosedChannelException();
                }
                slot = new Slot(session);
                slot.channels = 1;
                slots.add(slot);
                return slot;
            }
        }
    }

    private synchronized Slot tryReserve() throws ClosedChannelException {
        if (closed) {
            throw new ClosedChannelException();
        }
        slots.removeIf(s -> !s.session.isOpen() || s.session.isClosing());
        for (Slot s : slots) {
            if (s.channels < MAX_CHANNELS_PER_SESSION) {
                s.channels++;
                if (s.linger != null) {
                    s.linger.cancel(false);
                    s.linger = null;
                }
                return s;
            }
        }
        return null;
    }

    /** A channel of {@code slot} ended; the session lingers for reuse if it was the last. */
    synchronized void release(Slot slot) {
        slot.channels--;
        if (slot.channels == 0 && !closed) {
            slot.linger = timer.schedule(() -> closeIfIdle(slot), IDLE_SESSION_LINGER.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void closeIfIdle(Slot slot) {
        if (slot.channels == 0) {
            slots.remove(slot);
            slot.session.close(false);
        }
    }

    synchronized int openSessions() {
        slots.removeIf(s -> !s.session.isOpen());
        return slots.size();
    }

    /** Closes every session at once; later reserves fail. */
    void close() {
        List<Slot> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(slots);
            slots.clear();
        }
        for (Slot s : toClose) {
            if (s.linger != null) {
                s.linger.cancel(false);
            }
            s.session.close(true);
        }
    }
}
