package org.jzrepl.replication.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;
import org.jzrepl.endpoint.Messages.ReceiveRequest;
import org.jzrepl.endpoint.Receiver;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.zfs.KillSwitch;

/**
 * A step's {@code receive} call, running as a task of its own so that the receiver's preparation
 * (listing the target, creating placeholder parents, starting zfs recv) overlaps the sender's. It
 * runs under the caller's {@link KillSwitch}: a stalled step's abort kills a local zfs recv too.
 */
final class ReceiveCall {
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Throwable failure;

    private ReceiveCall() {
    }

    static ReceiveCall start(TaskRunner tasks, Receiver receiver, ReceiveRequest request, InputStream stream) {
        ReceiveCall call = new ReceiveCall();
        tasks.execute("receive " + request.filesystem(), KillSwitch.carry(() -> {
            try {
                receiver.receive(request, stream);
            } catch (IOException | RuntimeException | Error e) {
                call.failure = e;
            } finally {
                call.ended.countDown();
            }
        }));
        return call;
    }

    /** Waits for the call to end and throws its failure. */
    void await() throws IOException {
        try {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while receiving");
        }
        Throwable e = failure;
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
    }

    /** Waits for the call to end, ignoring its failure (a consequence of one already reported). */
    void awaitQuietly() {
        try {
            await();
        } catch (IOException | RuntimeException ignored) {
            // the caller reports the failure that caused this one
        }
    }
}
