package org.jzrepl.replication.driver;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jzrepl.endpoint.Receiver;
import org.jzrepl.endpoint.Sender;
import org.jzrepl.rpc.frame.ProtocolException;

/**
 * One fake "connection" to the world: calls fail with a CLOSED protocol error once it is closed
 * (by the driver, or broken by a fault), and two threads calling one side at once is recorded as
 * a violation (one side is always local in a real session: the two may be called concurrently).
 */
final class FakeSession implements EndpointSession {

    final FakeWorld world;
    final int id;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<Thread> senderCaller = new AtomicReference<>();
    private final AtomicReference<Thread> receiverCaller = new AtomicReference<>();
    private final FakeSender sender;
    private final FakeReceiver receiver;

    FakeSession(FakeWorld world, int id) {
        this.world = world;
        this.id = id;
        this.sender = new FakeSender(this);
        this.receiver = new FakeReceiver(this);
    }

    @Override
    public Sender sender() {
        return sender;
    }

    @Override
    public Receiver receiver() {
        return receiver;
    }

    @Override
    public void close() {
        closed.set(true);
    }

    boolean closed() {
        return closed.get();
    }

    /** The connection broke (a fault): later calls fail. */
    void breakConnection() {
        closed.set(true);
    }

    /** Starts a call on the sender: fails if closed, records a violation if another thread is in one. */
    void enterSender() throws IOException {
        enter(senderCaller, "sender");
    }

    void exitSender() {
        senderCaller.compareAndSet(Thread.currentThread(), null);
    }

    /** Starts a call on the receiver: as {@link #enterSender()}. */
    void enterReceiver() throws IOException {
        enter(receiverCaller, "receiver");
    }

    void exitReceiver() {
        receiverCaller.compareAndSet(Thread.currentThread(), null);
    }

    private void enter(AtomicReference<Thread> caller, String side) throws IOException {
        checkOpen();
        if (!caller.compareAndSet(null, Thread.currentThread())) {
            world.violation("session " + id + " " + side + " used by " + Thread.currentThread().getName()
                    + " while " + caller.get().getName() + " is in a call");
        }
    }

    void checkOpen() throws ProtocolException {
        if (closed.get()) {
            throw new ProtocolException(ProtocolException.Code.CLOSED, "session " + id + " is closed");
        }
    }
}
