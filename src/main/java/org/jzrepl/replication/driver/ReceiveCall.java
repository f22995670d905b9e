package org.jzrepl.replication.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import org.jzrepl.endpoint.Messages.ReceiveRequest;
import org.jzrepl.endpoint.Receiver;

/**
 * A step's {@code receive} call, running on its own thread so that the receiver's preparation
 * (listing the target, creating placeholder parents, starting zfs recv) overlaps the sender's.
 */
final class ReceiveCall {
    private final Thread thread;
    private volatile Exception failure;

    private ReceiveCall(Receiver receiver, ReceiveRequest request, InputStream stream) {
        this.thread = new Thread(() -> {
            try {
                receiver.receive(request, stream);
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }, "jzrepl-receive-" + request.filesystem());
        thread.setDaemon(true);
    }

    static ReceiveCall start(Receiver receiver, ReceiveRequest request, InputStream stream) {
        ReceiveCall call = new ReceiveCall(receiver, request, stream);
        call.thread.start();
        return call;
    }

    /** Waits for the call to end and throws its failure. */
    void await() throws IOException {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while receiving");
        }
        Exception e = failure;
        if (e instanceof IOException io) {
            throw io;
        }
        if (e != null) {
            throw (RuntimeException) e;
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
