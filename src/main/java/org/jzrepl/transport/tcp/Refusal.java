package org.jzrepl.transport.tcp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jzrepl.transport.TransportException;
import org.jzrepl.util.LogText;

/**
 * How a tcp or tls server tells a client why it refused the connection, before the RPC starts.
 * On success the server's first bytes are the RPC handshake, which begins with {@code JZRP}; a
 * refusal is sent instead of it and the connection is closed:
 * <pre>
 *   "JZRF"  u8 kind (0 refused: configuration, 1 over capacity)  u16 length  UTF-8 reason (≤ 1024 bytes)
 * </pre>
 * The connecter reads the first four bytes before it hands out the wire ({@link #await}) and gives
 * them back to the RPC layer when they are not a refusal, so the RPC protocol is unchanged.
 */
public final class Refusal {
    static final byte[] MAGIC = "JZRF".getBytes(StandardCharsets.US_ASCII);
    static final int MAX_REASON = 1024;
    static final int KIND_REFUSED = 0;
    static final int KIND_OVER_CAPACITY = 1;

    private Refusal() {
    }

    /** The refusal bytes for {@code reason} (cut to {@link #MAX_REASON} bytes). */
    static byte[] encode(boolean overCapacity, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        if (text.length > MAX_REASON) {
            text = Arrays.copyOf(text, MAX_REASON);
        }
        byte[] out = new byte[7 + text.length];
        System.arraycopy(MAGIC, 0, out, 0, 4);
        out[4] = (byte) (overCapacity ? KIND_OVER_CAPACITY : KIND_REFUSED);
        out[5] = (byte) (text.length >> 8);
        out[6] = (byte) text.length;
        System.arraycopy(text, 0, out, 7, text.length);
        return out;
    }

    /** Writes a refusal and flushes; the caller closes the connection. */
    public static void send(OutputStream out, boolean overCapacity, String reason) throws IOException {
        out.write(encode(overCapacity, reason));
        out.flush();
    }

    /**
     * Reads the server's first four bytes. Returns them when they are not a refusal; throws the
     * refusal, with the server's reason (escaped), when they are.
     *
     * @param server for messages, e.g. {@code tls server backup:8888}
     * @throws TransportException AUTHENTICATION_FAILED or OVER_CAPACITY for a refusal, PROTOCOL if the server
     *                            closed the connection without a word
     */
    public static byte[] await(InputStream in, String server) throws IOException {
        byte[] first = in.readNBytes(4);
        if (first.length < 4) {
            throw new TransportException(TransportException.Kind.PROTOCOL, server + " closed the connection"
                    + " before saying anything (is it a jzrepl tcp serve? a tls serve drops connections that do not start"
                    + " a TLS handshake)");
        }
        if (first[1] == 0x03 && first[0] >= 0x14 && first[0] <= 0x17) {   // a TLS record: alert, handshake...
            throw new TransportException(TransportException.Kind.PROTOCOL, server + " answered in TLS: it is a tls"
                    + " serve (use connect type tls)");
        }
        if (!Arrays.equals(first, MAGIC)) {
            return first;
        }
        byte[] head = in.readNBytes(3);
        if (head.length < 3) {
            throw new EOFException(server + " sent a truncated refusal");
        }
        int length = Math.min(((head[1] & 0xff) << 8) | (head[2] & 0xff), MAX_REASON);
        String reason = LogText.escape(new String(in.readNBytes(length), StandardCharsets.UTF_8), MAX_REASON);
        boolean over = head[0] == KIND_OVER_CAPACITY;
        throw new TransportException(over ? TransportException.Kind.OVER_CAPACITY
                : TransportException.Kind.AUTHENTICATION_FAILED, server + " refused the connection: " + reason);
    }
}
