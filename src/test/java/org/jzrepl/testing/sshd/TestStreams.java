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

    /** The bytes {@link #write} produces, as an InputStream. */
    public static java.io.InputStream stream(long total, long seed) {
        byte[] base = new byte[BLOCK];
        new Random(seed).nextBytes(base);
        return new java.io.InputStream() {
            private long pos;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= total) {
                    return -1;
                }
                int inBlock = (int) (pos % BLOCK);
                int n = (int) Math.min(Math.min(len, BLOCK - inBlock), total - pos);
                System.arraycopy(base, inBlock, b, off, n);
                long block = pos / BLOCK;
                for (int i = inBlock; i < 8 && i < inBlock + n; i++) {
                    b[off + i - inBlock] = (byte) (block >>> (56 - 8 * i));
                }
                pos += n;
                return n;
            }
        };
    }

    /** Reads a stream to EOF; returns the digest of what arrived. */
    public static Digest drain(java.io.InputStream in) throws IOException {
        byte[] buf = new byte[BLOCK];
        CRC32C crc = new CRC32C();
        long got = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            crc.update(buf, 0, n);
            got += n;
        }
        return new Digest(got, crc.getValue());
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
