package org.jzrepl.transport.ssh;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.jzrepl.transport.TransportException;
import org.jzrepl.transport.TransportException.Kind;

/**
 * A cap on the dials a daemon runs at once (a new SSH session and an exec channel, i.e. one run of
 * the remote forced command each). Dials beyond the cap queue in arrival order; a queued dial is
 * not a failed one, and its dial_timeout starts only when it gets a slot. The queue wait is bounded
 * ({@code maxQueueWait}), and {@link #cancel(Group)} ends the waits of one connecter at once.
 *
 * <p>The bookkeeping ({@link #join}, {@link #leave}, {@link Permit#close()}) never blocks;
 * {@link #enter} adds the blocking wait on top. Thread-safe.
 */
final class DialGate {
    private final int limit;
    private final Duration maxQueueWait;
    private final Deque<Ticket> queue = new ArrayDeque<>();
    private int running;

    /** The waits of one connecter, cancelled together when it closes. */
    static final class Group {
        private boolean cancelled;
    }

    /** One dial's place: queued until granted. */
    static final class Ticket {
        private final Group group;
        private boolean granted;
        private boolean released;

        private Ticket(Group group) {
            this.group = group;
        }
    }

    /** A dial slot; closing it (once; later calls do nothing) lets the next queued dial start. */
    final class Permit implements AutoCloseable {
        private final Ticket ticket;

        private Permit(Ticket ticket) {
            this.ticket = ticket;
        }

        @Override
        public void close() {
            leave(ticket);
        }
    }

    DialGate(int limit, Duration maxQueueWait) {
        if (limit < 1) {
            throw new IllegalArgumentException("the dial cap must be at least 1: " + limit);
        }
        this.limit = limit;
        this.maxQueueWait = maxQueueWait;
    }

    int limit() {
        return limit;
    }

    /** Takes a slot if one is free and nobody queues before it, else queues. Never blocks. */
    synchronized Ticket join(Group group) throws ClosedChannelException {
        if (group.cancelled) {
            throw new ClosedChannelException();
        }
        Ticket t = new Ticket(group);
        queue.addLast(t);
        grant();
        return t;
    }

    synchronized boolean granted(Ticket t) {
        return t.granted;
    }

    /** Gives up a place, granted or not; a granted slot goes to the next in the queue. Idempotent. */
    synchronized void leave(Ticket t) {
        if (t.released) {
            return;
        }
        t.released = true;
        if (t.granted) {
            running--;
        } else {
            queue.remove(t);
        }
        grant();
    }

    /** Ends every queued wait of {@code group} (they throw ClosedChannelException) and refuses new ones. */
    synchronized void cancel(Group group) {
        group.cancelled = true;
        notifyAll();
    }

    synchronized int running() {
        return running;
    }

    synchronized int queued() {
        return queue.size();
    }

    private void grant() {
        while (running < limit && !queue.isEmpty()) {
            Ticket next = queue.removeFirst();
            next.granted = true;
            running++;
        }
        notifyAll();
    }

    /**
     * Waits for a slot: at most {@code maxQueueWait}, less if the group is cancelled or the thread interrupted.
     *
     * @throws TransportException UNREACHABLE when the queue wait ended without a slot
     * @throws ClosedChannelException when the connecter closed meanwhile
     */
    Permit enter(Group group, String where) throws TransportException, ClosedChannelException, InterruptedIOException {
        Ticket t = join(group);
        long deadline = System.nanoTime() + maxQueueWait.toNanos();
        synchronized (this) {
            try {
                while (!t.granted) {
                    if (group.cancelled) {
                        throw new ClosedChannelException();
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new TransportException(Kind.UNREACHABLE, "no dial slot for " + where + " within "
                                + maxQueueWait.toSeconds() + "s: this daemon runs at most " + limit
                                + " dials at once and " + queue.size() + " are queued");
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                leave(t);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for a dial slot for " + where);
            } catch (TransportException | ClosedChannelException | RuntimeException e) {
                leave(t);
                throw e;
            }
        }
        return new Permit(t);
    }
}
