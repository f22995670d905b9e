package org.jzrepl.testing.sshd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.concurrent.atomic.AtomicInteger;
import org.jzrepl.transport.AuthenticatedListener;
import org.jzrepl.transport.AuthenticatedWire;
import org.jzrepl.transport.Wire;
import org.jzrepl.transport.stdinserver.HandedOverWire;

/**
 * The passive side of raw-wire tests: accepts wires from a listener and serves each on its own
 * thread. The first byte the client sends picks the mode:
 * <ul>
 * <li>{@code E} echo until EOF, then close;</li>
 * <li>{@code U} upload: read until EOF, answer the 16-byte digest (count, crc), close;</li>
 * <li>{@code D} download: read an 8-byte count, send that many {@link TestStreams} bytes, close;</li>
 * <li>{@code S} status: read one byte, close the wire with it as the forced command's exit status;</li>
 * <li>{@code F} file: read a 2-byte length and a UTF-8 path, send the file's bytes, close.</li>
 * </ul>
 */
public final class RawTestDaemon implements AutoCloseable {
    public static final long DOWNLOAD_SEED = 42;

    private final AuthenticatedListener listener;
    private final Thread acceptor;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger maxActive = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile String lastIdentity;

    public RawTestDaemon(AuthenticatedListener listener) {
        this.listener = listener;
        this.acceptor = new Thread(this::acceptLoop, "raw-test-daemon");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (true) {
            AuthenticatedWire aw;
            try {
                aw = listener.accept();
            } catch (IOException e) {
                return;
            }
            lastIdentity = aw.clientIdentity();
            Thread t = new Thread(() -> serve(aw.wire()), "raw-test-daemon-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Wire wire) {
        maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
        int status = 0;
        try {
            int mode = readByte(wire.in());
            switch (mode) {
                case 'E' -> echo(wire);
                case 'U' -> {
                    TestStreams.Digest d = TestStreams.drain(wire.in());
                    writeFully(wire, ByteBuffer.allocate(16).putLong(d.bytes()).putLong(d.crc()).flip());
                }
                case 'D' -> {
                    ByteBuffer len = ByteBuffer.allocate(8);
                    readFully(wire.in(), len);
                    TestStreams.write(wire.out(), len.flip().getLong(), DOWNLOAD_SEED);
                }
                case 'S' -> status = readByte(wire.in());
                case 'F' -> sendFile(wire);
                default -> throw new IOException("unknown mode " + mode);
            }
        } catch (IOException e) {
            failures.incrementAndGet();
            status = 1;
        } finally {
            active.decrementAndGet();
            try {
                if (wire instanceof HandedOverWire h) {
                    h.close(status);
                } else {
                    wire.close();
                }
            } catch (IOException ignored) {
                // peer gone
            }
        }
    }

    private static void echo(Wire wire) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
        while (wire.in().read(buf) >= 0) {
            buf.flip();
            while (buf.hasRemaining()) {
                wire.out().write(buf);
            }
            buf.clear();
        }
    }

    private static void sendFile(Wire wire) throws IOException {
        ByteBuffer len = ByteBuffer.allocate(2);
        readFully(wire.in(), len);
        ByteBuffer name = ByteBuffer.allocate(len.flip().getShort() & 0xffff);
        readFully(wire.in(), name);
        java.nio.file.Path path = java.nio.file.Path.of(new String(name.array(), java.nio.charset.StandardCharsets.UTF_8));
        try (java.nio.channels.FileChannel f = java.nio.channels.FileChannel.open(path)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            while (f.read(buf) >= 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    wire.out().write(buf);
                }
                buf.clear();
            }
        }
    }

    private static int readByte(ReadableByteChannel in) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        readFully(in, one);
        return one.get(0) & 0xff;
    }

    private static void readFully(ReadableByteChannel in, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (in.read(buf) < 0) {
                throw new IOException("EOF after " + buf.position() + " bytes");
            }
        }
    }

    private static void writeFully(Wire wire, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            wire.out().write(buf);
        }
    }

    /** Wires being served right now. */
    public int active() {
        return active.get();
    }

    /** Most wires served at the same time so far. */
    public int maxActive() {
        return maxActive.get();
    }

    /** Connections that ended with an I/O error on the daemon side. */
    public int failures() {
        return failures.get();
    }

    public String lastIdentity() {
        return lastIdentity;
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
