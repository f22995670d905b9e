package org.jzrepl.rpc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jzrepl.rpc.frame.Frames;
import org.jzrepl.rpc.frame.LinkState;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.runtime.Task;
import org.jzrepl.util.LogText;

import static org.jzrepl.rpc.frame.ProtocolException.Code.BAD_HANDSHAKE;
import static org.jzrepl.rpc.frame.ProtocolException.Code.HANDSHAKE_TIMEOUT;
import static org.jzrepl.rpc.frame.ProtocolException.Code.VERSION_MISMATCH;

/**
 * The version handshake both sides send before any frame (layout in {@link Frames}): send ours,
 * then read and check the peer's. A peer that is not jzrepl-rpc (a shell banner, another
 * program) or speaks another version is refused with an error naming both.
 */
final class Handshake {
    private static final Pattern TEXT = Pattern.compile("(\\S+) version=(\\d{1,9}) extensions=(\\S*)\n");

    /** What the peer announced. */
    record Peer(int version, Set<String> extensions) {
    }

    private Handshake() {
    }

    static String ours() {
        return Frames.PROTOCOL_NAME + " version=" + Frames.PROTOCOL_VERSION + " extensions=\n";
    }

    /**
     * Sends ours and checks the peer's, bounded by the handshake timeout. On failure the link ends
     * with the reason, {@code terminate} is told it (it closes the channels) and it is thrown.
     */
    static void exchange(ReadableByteChannel in, WritableByteChannel out, LinkState link, RpcSettings settings,
                         Consumer<ProtocolException> terminate) throws ProtocolException {
        Task deadline = Liveness.after(settings, "handshake deadline", settings.handshakeTimeout(),
                () -> terminate.accept(new ProtocolException(HANDSHAKE_TIMEOUT,
                        "no handshake from peer within " + settings.handshakeTimeout())));
        try {
            send(out, link);
            receive(in, link);
        } catch (ProtocolException e) {
            ProtocolException cause = link.end(e);
            terminate.accept(cause);
            throw cause;
        } finally {
            deadline.cancel();
        }
    }

    static void send(WritableByteChannel out, LinkState link) throws ProtocolException {
        byte[] text = ours().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(6 + text.length);
        b.put(Frames.HANDSHAKE_MAGIC).putShort((short) text.length).put(text).flip();
        try {
            while (b.hasRemaining()) {
                out.write(b);
            }
        } catch (IOException e) {
            throw link.translate(e, "sending handshake failed");
        }
    }

    static Peer receive(ReadableByteChannel in, LinkState link) throws ProtocolException {
        ByteBuffer head = read(in, 6, link);
        byte[] magic = Arrays.copyOf(head.array(), 4);
        if (!Arrays.equals(magic, Frames.HANDSHAKE_MAGIC)) {
            boolean tls = magic[0] == 0x16 && magic[1] == 0x03;   // a TLS handshake record
            throw new ProtocolException(BAD_HANDSHAKE, "peer is not a jzrepl-rpc endpoint, it sent: "
                    + printable(head.array()) + (tls ? " (a TLS handshake: the peer dials with tls, this side serves"
                    + " plain tcp)" : " (check what the remote command runs)"));
        }
        int length = head.getShort(4) & 0xFFFF;
        if (length > Frames.MAX_HANDSHAKE_TEXT) {
            throw new ProtocolException(BAD_HANDSHAKE, "handshake text of " + length + " bytes exceeds cap "
                    + Frames.MAX_HANDSHAKE_TEXT);
        }
        String text = new String(read(in, length, link).array(), StandardCharsets.US_ASCII);
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new ProtocolException(BAD_HANDSHAKE, "malformed handshake: " + printable(text.getBytes(StandardCharsets.US_ASCII)));
        }
        int version = Integer.parseInt(m.group(2));
        if (!m.group(1).equals(Frames.PROTOCOL_NAME) || version != Frames.PROTOCOL_VERSION) {
            throw new ProtocolException(VERSION_MISMATCH, "protocol versions do not match: ours is "
                    + Frames.PROTOCOL_NAME + " " + Frames.PROTOCOL_VERSION + ", theirs is " + LogText.escape(m.group(1), 100)
                    + " " + version);
        }
        Set<String> ext = new LinkedHashSet<>();
        for (String e : m.group(3).split(",")) {
            if (!e.isEmpty()) {
                ext.add(e);
            }
        }
        return new Peer(version, Set.copyOf(ext));
    }

    private static ByteBuffer read(ReadableByteChannel in, int n, LinkState link) throws ProtocolException {
        ByteBuffer b = ByteBuffer.allocate(n);
        try {
            while (b.hasRemaining()) {
                if (in.read(b) < 0) {
                    throw new ProtocolException(BAD_HANDSHAKE, "peer closed the connection during the handshake"
                            + (b.position() > 0 ? " after sending " + printable(Arrays.copyOf(b.array(), b.position())) : ""));
                }
            }
        } catch (ProtocolException e) {
            throw e;
        } catch (IOException e) {
            throw link.translate(e, "reading handshake failed");
        }
        return b.flip();
    }

    private static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte x : bytes) {
            int c = x & 0xFF;
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return sb.append('"').toString();
    }
}
