package org.jzrepl.replication.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Optional;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;

/** The bytes of one fake send, from {@code offset} to {@code length}, with the send's fault applied. */
final class FakeSendStream extends InputStream {

    private static final int CHUNK = 4096;

    private final FakeSession session;
    private final DatasetPath fs;
    private final FilesystemVersion to;
    private final Optional<Guid> from;
    private final long length;
    private final FakeWorld.Fault fault;
    private final long seed;
    private long position;
    private long produced;
    private boolean held;
    private boolean acted;

    FakeSendStream(FakeSession session, DatasetPath fs, FilesystemVersion to, Optional<Guid> from, long offset,
                   long length, FakeWorld.Fault fault) {
        this.session = session;
        this.fs = fs;
        this.to = to;
        this.from = from;
        this.position = offset;
        this.length = length;
        this.fault = fault;
        this.seed = FakeWorld.seed(fs, to, from);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        session.checkOpen();
        hold();
        if (position == length) {
            return -1;
        }
        if (fault instanceof FakeWorld.Fault.Slow slow) {
            try {
                Thread.sleep(slow.millisPerChunk());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while slow");
            }
        }
        int n = (int) Math.min(Math.min(len, CHUNK), length - position);
        if (fault instanceof FakeWorld.Fault.Cut cut) {
            long left = cut.bytes() - produced;
            if (left <= 0) {
                if (cut.failure() instanceof ProtocolException) {
                    session.breakConnection();
                }
                throw cut.failure();
            }
            n = (int) Math.min(n, left);
        }
        if (fault instanceof FakeWorld.Fault.Stall stall) {
            if (produced >= stall.bytes()) {
                hold(stall.gate());
            } else {
                n = (int) Math.min(n, stall.bytes() - produced);
            }
        }
        if (fault instanceof FakeWorld.Fault.Act act && !acted) {
            if (produced >= act.bytes()) {
                acted = true;
                act.action().run();
            } else {
                n = (int) Math.min(n, act.bytes() - produced);
            }
        }
        for (int i = 0; i < n; i++) {
            b[off + i] = FakeWorld.content(seed, position + i);
        }
        position += n;
        produced += n;
        return n;
    }

    private void hold() throws IOException {
        if (held || !(fault instanceof FakeWorld.Fault.Hold h)) {
            return;
        }
        hold(h.gate());
    }

    /** Blocks until the gate opens (then never again) or the session closes (then throws). */
    private void hold(Gate gate) throws IOException {
        if (held) {
            return;
        }
        try {
            while (!gate.pass(10)) {
                session.checkOpen();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while held");
        }
        held = true;
    }
}
