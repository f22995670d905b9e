package org.jzrepl.replication.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;

/**
 * The send stream of a step before the sender has answered: the receiver starts reading it while
 * the sender still prepares (listing, holds, size estimate), and its first read blocks until
 * {@link #supply} hands over the real stream or {@link #fail} reports why there is none. Closing it
 * does not close the real stream: the step runner owns that.
 */
final class PendingStream extends InputStream {
    private final CountDownLatch decided = new CountDownLatch(1);
    private volatile InputStream stream;
    private volatile IOException failure;

    void supply(InputStream real) {
        stream = real;
        decided.countDown();
    }

    void fail(Exception why) {
        failure = new IOException("no send stream: " + why.getMessage(), why);
        decided.countDown();
    }

    private InputStream stream() throws IOException {
        try {
            decided.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the send stream");
        }
        if (failure != null) {
            throw failure;
        }
        return stream;
    }

    @Override
    public int read() throws IOException {
        return stream().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return stream().read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        return decided.getCount() == 0 && failure == null ? stream.available() : 0;
    }
}
