package org.jzrepl.rpc;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.jzrepl.rpc.frame.Bytes;

/**
 * Inputs for fuzzing the server: valid sessions (handshake, calls of every shape, heartbeats,
 * stream failures, CLOSE), the same mutated, and sequences of structurally random frames.
 */
final class FuzzCorpus {
    private static final String[] CALLS = {
        "{\"endpoint\":\"ping\",\"body\":\"JSON\"}", "{\"endpoint\":\"touch\",\"body\":\"NONE\"}",
        "{\"endpoint\":\"download\",\"body\":\"JSON\"}", "{\"endpoint\":\"send\",\"body\":\"JSON\"}",
        "{\"endpoint\":\"count\",\"body\":\"STREAM\"}", "{\"endpoint\":\"upload\",\"body\":\"JSON_STREAM\"}",
        "{\"endpoint\":\"fail\",\"body\":\"JSON\"}", "{\"endpoint\":\"nope\",\"body\":\"NONE\"}",
    };
    private static final String[] BODIES = {
        "{\"message\":\"hello\"}", "{\"bytes\":100,\"failAfter\":-1}", "{\"name\":\"x\",\"bytes\":3}",
        "{\"code\":\"a\",\"message\":\"b\"}", "{}", "null", "[1,2,3]", "\"str\"", "{\"message\":", "",
    };
    private static final int[] INTERESTING = {0x00, 0x01, 0x02, 0x03, 0x04, 0x10, 0x20, 0x21, 0x2F, 0x7F, 0x80, 0xFF};

    private FuzzCorpus() {
    }

    /** A valid session: handshake, 0..4 calls with heartbeats between frames, usually CLOSE. */
    static byte[] session(Random r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(FakePeer.HANDSHAKE);
        int calls = r.nextInt(5);
        for (int i = 0; i < calls; i++) {
            int c = r.nextInt(CALLS.length);
            beat(r, out);
            out.writeBytes(FakePeer.header(CALLS[c]));
            if (CALLS[c].contains("\"JSON")) {
                beat(r, out);
                out.writeBytes(Bytes.frame(0x02, BODIES[r.nextInt(BODIES.length)]));
                out.writeBytes(Bytes.empty(0x03));
            }
            if (CALLS[c].contains("STREAM")) {
                int frames = r.nextInt(4);
                for (int f = 0; f < frames; f++) {
                    beat(r, out);
                    byte[] data = new byte[r.nextInt(64)];
                    r.nextBytes(data);
                    out.writeBytes(Bytes.frame(0x02, data));
                }
                if (r.nextInt(4) == 0) {
                    out.writeBytes(Bytes.frame(0x04, "producer failed"));
                }
                out.writeBytes(Bytes.empty(0x03));
            }
        }
        if (r.nextInt(8) != 0) {
            out.writeBytes(Bytes.empty(0x20));
        }
        return out.toByteArray();
    }

    /** A valid session with 1..4 mutations. */
    static byte[] mutated(Random r) {
        byte[] b = session(r);
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            b = mutate(r, b);
        }
        return b;
    }

    /** Handshake (usually valid) then 1..8 frames with random types, fields and payloads. */
    static byte[] randomFrames(Random r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(r.nextInt(16) == 0 ? randomBytes(r, r.nextInt(40)) : FakePeer.HANDSHAKE);
        int frames = 1 + r.nextInt(8);
        for (int i = 0; i < frames; i++) {
            int type = r.nextInt(3) == 0 ? r.nextInt(256) : INTERESTING[r.nextInt(INTERESTING.length)];
            byte[] payload = switch (r.nextInt(4)) {
                case 0 -> CALLS[r.nextInt(CALLS.length)].getBytes(StandardCharsets.UTF_8);
                case 1 -> BODIES[r.nextInt(BODIES.length)].getBytes(StandardCharsets.UTF_8);
                case 2 -> new byte[0];
                default -> randomBytes(r, r.nextInt(100));
            };
            long length = switch (r.nextInt(10)) {
                case 0 -> r.nextInt() & 0xFFFF_FFFFL;
                case 1 -> 1L << 20 + r.nextInt(3) - 1;
                case 2 -> payload.length + r.nextInt(5) - 2;
                default -> payload.length;
            };
            int flags = r.nextInt(20) == 0 ? r.nextInt(256) : 0;
            int reserved = r.nextInt(20) == 0 ? r.nextInt(65536) : 0;
            out.writeBytes(Bytes.raw(type, flags, reserved, length, payload));
        }
        return out.toByteArray();
    }

    private static byte[] mutate(Random r, byte[] b) {
        if (b.length == 0) {
            return randomBytes(r, 8);
        }
        int at = r.nextInt(b.length);
        switch (r.nextInt(7)) {
            case 0 -> {
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << r.nextInt(8));
                return c;
            }
            case 1 -> {
                byte[] c = b.clone();
                c[at] = (byte) INTERESTING[r.nextInt(INTERESTING.length)];
                return c;
            }
            case 2 -> {
                byte[] c = b.clone();
                if (at + 4 <= c.length) {
                    ByteBuffer.wrap(c, at, 4).putInt(r.nextBoolean() ? r.nextInt() : (1 << 20) + r.nextInt(3) - 1);
                }
                return c;
            }
            case 3 -> {
                return Bytes.concat(java.util.Arrays.copyOf(b, at), randomBytes(r, 1 + r.nextInt(16)),
                        java.util.Arrays.copyOfRange(b, at, b.length));
            }
            case 4 -> {
                int end = Math.min(b.length, at + 1 + r.nextInt(16));
                return Bytes.concat(java.util.Arrays.copyOf(b, at), java.util.Arrays.copyOfRange(b, end, b.length));
            }
            case 5 -> {
                return java.util.Arrays.copyOf(b, at);
            }
            default -> {
                int end = Math.min(b.length, at + 1 + r.nextInt(32));
                return Bytes.concat(java.util.Arrays.copyOf(b, end), java.util.Arrays.copyOfRange(b, at, b.length));
            }
        }
    }

    private static void beat(Random r, ByteArrayOutputStream out) {
        if (r.nextInt(6) == 0) {
            out.writeBytes(Bytes.empty(0x10));
        }
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
