package org.jzrepl.rpc;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The serving side of one connection ({@link RpcServer}): whether this side serves, whether it
 * waits between calls and since when, and whether it was closed for waiting too long. The
 * serving thread marks a wait and a call's arrival, the liveness timer an idle close; each change
 * is one compare-and-set, so a call that arrives as the timer closes the connection either runs
 * or is refused, never both.
 */
final class ServingSide {
    private static final long IN_CALL = Long.MIN_VALUE;
    private static final long IDLE_CLOSED = Long.MIN_VALUE + 1;

    private volatile boolean serving;
    /** Since when it waits for a call (System.nanoTime), or IN_CALL, or IDLE_CLOSED. */
    private final AtomicLong waitingSince = new AtomicLong(IN_CALL);

    /** This side serves calls: it sends CLOSE only when idle, and closing it means RST. */
    void serve() {
        serving = true;
    }

    boolean isServing() {
        return serving;
    }

    /** Waiting for the next call from now on. */
    void awaitingCall() {
        waitingSince.compareAndSet(IN_CALL, System.nanoTime());
    }

    /**
     * A call's HEADER arrived. False if the connection was closed as idle first: then the call
     * must not run (the client was told with CLOSE that no call after it runs).
     */
    boolean callArrived() {
        long since = waitingSince.get();
        return since != IDLE_CLOSED && waitingSince.compareAndSet(since, IN_CALL);
    }

    /** True if this side serves and has waited for a call for longer than {@code limitNanos} at {@code now}. */
    boolean waitingForCallLongerThan(long now, long limitNanos) {
        long since = waitingSince.get();
        return serving && since != IN_CALL && since != IDLE_CLOSED && now - since > limitNanos;
    }

    /** True once this side closed the connection for lack of calls. */
    boolean closedAsIdle() {
        return waitingSince.get() == IDLE_CLOSED;
    }

    /** Marks the connection closed as idle; false if a call arrived, or it was so marked, first. */
    boolean closeAsIdle() {
        long since = waitingSince.get();
        return since != IN_CALL && since != IDLE_CLOSED && waitingSince.compareAndSet(since, IDLE_CLOSED);
    }
}
