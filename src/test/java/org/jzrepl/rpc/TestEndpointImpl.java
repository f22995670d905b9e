package org.jzrepl.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.jzrepl.rpc.message.RpcRemoteException;

/** Server side of {@link TestEndpoint}. */
final class TestEndpointImpl implements TestEndpoint {
    final AtomicInteger calls = new AtomicInteger();
    volatile int inFlight;
    volatile int maxInFlight;

    @Override
    public Echo ping(Ping ping) {
        enter();
        try {
            return new Echo(ping.message(), ping.message().length());
        } finally {
            leave();
        }
    }

    @Override
    public void touch() {
        calls.incrementAndGet();
    }

    @Override
    public InputStream download(Size size) {
        calls.incrementAndGet();
        return pattern(size.bytes(), size.failAfter());
    }

    @Override
    public Streamed<Info> send(Size size) {
        calls.incrementAndGet();
        return new Streamed<>(new Info("send", size.bytes()), pattern(size.bytes(), size.failAfter()));
    }

    @Override
    public Summary upload(Info info, InputStream data) throws IOException {
        calls.incrementAndGet();
        long n = 0;
        long sum = 0;
        byte[] buf = new byte[8192];
        int r;
        while ((r = data.read(buf)) >= 0) {
            for (int i = 0; i < r; i++) {
                sum = sum * 31 + buf[i];
            }
            n += r;
        }
        return new Summary(info.name(), n, sum);
    }

    @Override
    public long count(InputStream data) throws IOException {
        calls.incrementAndGet();
        return data.transferTo(java.io.OutputStream.nullOutputStream());
    }

    @Override
    public void fail(Failure failure) throws IOException {
        calls.incrementAndGet();
        switch (failure.code()) {
            case "notfound" -> throw new NotFoundException("test.not_found", failure.message());
            case "plain" -> throw new RpcRemoteException("test.plain", failure.message());
            case "busy" -> throw new BusyException("test.busy", failure.message());
            default -> throw new IllegalStateException(failure.message());
        }
    }

    @Override
    public void sleep(long millis) throws IOException {
        calls.incrementAndGet();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException();
        }
    }

    private synchronized void enter() {
        calls.incrementAndGet();
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
    }

    private synchronized void leave() {
        inFlight--;
    }

    /** Byte i of the pattern is (byte) i. */
    static InputStream pattern(long bytes, long failAfter) {
        return new InputStream() {
            long pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (failAfter >= 0 && pos >= failAfter) {
                    throw new IOException("producer died at byte " + pos);
                }
                if (pos >= bytes) {
                    return -1;
                }
                long end = Math.min(bytes, pos + len);
                if (failAfter >= 0) {
                    end = Math.min(end, failAfter);
                }
                int n = (int) (end - pos);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) (pos + i);
                }
                pos += n;
                return n;
            }
        };
    }
}
