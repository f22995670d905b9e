package org.jzrepl.rpc;

import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call at a time on a connection. Another thread's call waits for the slot; a call from the
 * thread that holds it (typically with a response stream not yet read to its end) fails at once
 * instead of deadlocking. The slot may be released from another thread (a stream read elsewhere).
 */
final class CallSlot {
    private final Semaphore permit = new Semaphore(1);
    private volatile Thread owner;
    private volatile String current;

    /** Waits for the slot. */
    Call acquire(String endpoint) throws InterruptedIOException {
        if (owner == Thread.currentThread()) {
            throw new IllegalStateException("call " + endpoint + " while call " + current + " is still in progress on"
                    + " this connection (read its response stream to the end or close it first)");
        }
        try {
            permit.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for call " + current + " to finish");
        }
        owner = Thread.currentThread();
        current = endpoint;
        return new Call();
    }

    /** Takes the slot for good if it is free (for an orderly close). */
    boolean tryAcquire() {
        return permit.tryAcquire();
    }

    /** The call holding the slot, or null. */
    String current() {
        return current;
    }

    /** The slot while held; {@link #end()} releases it once, from any thread. */
    final class Call {
        private final AtomicBoolean ended = new AtomicBoolean();

        void end() {
            if (ended.compareAndSet(false, true)) {
                owner = null;
                current = null;
                permit.release();
            }
        }
    }
}
