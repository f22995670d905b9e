package org.jzrepl.rpc.frame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;

/** Test helpers: frames built by hand, byte for byte, and in-memory channels. */
public final class Bytes {
    private Bytes() {
    }

    /** A frame header and payload exactly as the wire carries them. */
    public static byte[] frame(int type, byte[] payload) {
        return raw(type, 0, 0, payload.length, payload);
    }

    public static byte[] frame(int type, String payload) {
        return frame(type, payload.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] empty(int type) {
        return frame(type, new byte[0]);
    }

    /** A header with arbitrary fields (the length field need not match the payload). */
    public static byte[] raw(int type, int flags, int reserved, long lengthField, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.put((byte) type).put((byte) flags).putShort((short) reserved).putInt((int) lengthField).put(payload);
        return b.array();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    public static ReadableByteChannel in(byte[]... parts) {
        return Channels.newChannel(new ByteArrayInputStream(concat(parts)));
    }

    /** An in-memory sink; {@link #bytes()} is what was written. */
    public static final class Sink implements WritableByteChannel {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private boolean open = true;

        @Override
        public synchronized int write(ByteBuffer src) {
            int n = src.remaining();
            byte[] b = new byte[n];
            src.get(b);
            out.writeBytes(b);
            return n;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }

        public synchronized byte[] bytes() {
            return out.toByteArray();
        }
    }
}
