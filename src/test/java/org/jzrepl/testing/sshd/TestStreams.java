package org.jzrepl.testing.sshd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Random;
import java.util.zip.CRC32C;

/** Deterministic bulk bytes and their checksums, for stream tests over any wire. */
public final class TestStreams {
    private static final int BLOCK = 1 << 20;

    private TestStreams() {
    }

    /** Byte count and CRC32C of a stream. */
    public record Digest(long bytes, long crc) {
    }

    /** Writes {@code total} bytes (a random block, each copy stamped with its index); returns their digest. */
    public static Digest write(WritableByteChannel out, long total, long seed) throws IOException {
        byte[] base = new byte[BLOCK];
        new Random(seed).nextBytes(base);
        ByteBuffer buf = ByteBuffer.allocateDirect(BLOCK);
        CRC32C crc = new CRC32C();
        long sent = 0;
        for (long block = 0; sent < total; block++) {
            buf.clear();
            buf.put(base);
            buf.putLong(0, block);
            buf.flip();
            buf.limit((int) Math.min(BLOCK, total - sent));
            crc.update(buf.duplicate());
            while (buf.hasRemaining()) {
                sent += out.write(buf);
            }
        }
        return new Digest(sent, crc.getValue());
    }

    /** The digest {@link #write} produces for these arguments, without a wire. */
    public static Digest expected(long total, long seed) throws IOException {
        return write(new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) {
                int n = src.remaining();
                src.position(src.limit());
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        }, total, seed);
    }

    /** Reads to EOF; returns the digest of what arrived. */
    public static Digest drain(ReadableByteChannel in) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(BLOCK);
        CRC32C crc = new CRC32C();
        long got = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (n == 0) {
                continue;
            }
            buf.flip();
            crc.update(buf);
            got += n;
            buf.clear();
        }
        return new Digest(got, crc.getValue());
    }
}
