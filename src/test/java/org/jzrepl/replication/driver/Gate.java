package org.jzrepl.replication.driver;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A latch a held stream waits on; tests open it, or see that a stream reached it. */
final class Gate {
    private final CountDownLatch open = new CountDownLatch(1);
    private final CountDownLatch reached = new CountDownLatch(1);

    void open() {
        open.countDown();
    }

    /** Called by the held stream; returns true once opened, false after {@code millis}. */
    boolean pass(long millis) throws InterruptedException {
        reached.countDown();
        return open.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Waits (bounded) until a stream is held at this gate. */
    void awaitReached() throws InterruptedException {
        if (!reached.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no stream reached the gate within 10 s");
        }
    }
}
