package org.jzrepl.transport.stdinserver;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jzrepl.transport.Wire;
import org.newsclub.net.unix.AFUNIXSocket;

/**
 * Daemon side of one stdinserver connection: the forced command's stdin and stdout pipes, plus the
 * unix socket on which the forced command waits for its exit status. Closing the wire closes both
 * pipes (the SSH client sees EOF), then sends the status byte, which ends the forced command,
 * and then runs the {@code onClose} hook once (the listener's connection count).
 */
public final class HandedOverWire implements Wire {
    private final FileChannel in;
    private final FileChannel out;
    private final AFUNIXSocket control;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    HandedOverWire(FileChannel in, FileChannel out, AFUNIXSocket control, Runnable onClose) {
        this.in = in;
        this.out = out;
        this.control = control;
        this.onClose = onClose;
    }

    @Override
    public ReadableByteChannel in() {
        return in;
    }

    @Override
    public WritableByteChannel out() {
        return out;
    }

    @Override
    public void closeWrite() throws IOException {
        out.close();
    }

    /** Closes with exit status 0 for the forced command. */
    @Override
    public void close() throws IOException {
        close(0);
    }

    /** Closes the pipes, then ends the forced command with {@code exitStatus} (0..255). */
    public void close(int exitStatus) throws IOException {
        if (exitStatus < 0 || exitStatus > 255) {
            throw new IllegalArgumentException("exit status must be 0..255: " + exitStatus);
        }
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        IOException failure = null;
        for (AutoCloseableIo c : new AutoCloseableIo[] {in::close, out::close, () -> sendStatus(exitStatus), control::close,
                onClose::run}) {
            try {
                c.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** A forced command that is already gone (session cut, killed) needs no status. */
    private void sendStatus(int exitStatus) {
        try {
            OutputStream os = control.getOutputStream();
            os.write(exitStatus);
            os.flush();
        } catch (IOException gone) {
            // nothing to tell
        }
    }

    @FunctionalInterface
    private interface AutoCloseableIo {
        void close() throws IOException;
    }
}
