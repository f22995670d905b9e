package org.jzrepl.transport.stdinserver;

import static org.jzrepl.transport.stdinserver.StdinserverProtocol.BANNER_LENGTH;
import static org.jzrepl.transport.stdinserver.StdinserverProtocol.BEGIN;
import static org.jzrepl.transport.stdinserver.StdinserverProtocol.ERROR;
import static org.jzrepl.transport.stdinserver.StdinserverProtocol.HELO;
import static org.jzrepl.transport.stdinserver.StdinserverProtocol.MAX_REASON_BYTES;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jzrepl.transport.TransportException;
import org.jzrepl.transport.TransportException.Kind;
import org.jzrepl.util.LogText;

/**
 * The banner exchange on the handed-over pipes, both sides. Neither side sets a timeout here:
 * callers bound the exchange by closing the wire from a watchdog.
 */
public final class StdinserverHandshake {
    private StdinserverHandshake() {
    }

    /** Daemon side: HELO out, BEGIN in. */
    public static void serverSide(ReadableByteChannel in, WritableByteChannel out) throws IOException {
        writeFully(out, HELO);
        byte[] got = new byte[BANNER_LENGTH];
        int n = readUpTo(in, got, got.length);
        if (n != BANNER_LENGTH || !Arrays.equals(got, BEGIN)) {
            throw new TransportException(Kind.PROTOCOL, "stdinserver client sent " + StdinserverProtocol.describe(got, n)
                    + (n < BANNER_LENGTH ? " then EOF" : "") + " instead of the BEGIN banner");
        }
    }

    /**
     * Dialing side: expects HELO (answers BEGIN) or the forced command's ERROR banner.
     *
     * @param where names the remote end for messages, e.g. {@code root@host:22}
     * @throws TransportException DAEMON_NOT_REACHABLE with the remote reason, or PROTOCOL when
     *     the remote command is not jzrepl stdinserver
     */
    public static void clientSide(ReadableByteChannel in, WritableByteChannel out, String where) throws IOException {
        byte[] got = new byte[BANNER_LENGTH];
        int n = readUpTo(in, got, got.length);
        if (n == BANNER_LENGTH && Arrays.equals(got, HELO)) {
            writeFully(out, BEGIN);
            return;
        }
        if (n == BANNER_LENGTH && Arrays.equals(got, ERROR)) {
            byte[] detail = new byte[MAX_REASON_BYTES];
            int len = readLine(in, detail);
            String line = new String(detail, 0, len, StandardCharsets.UTF_8).strip();
            int tab = line.indexOf('\t');
            // the remote forced command's words: escaped here, where they enter
            String identity = tab < 0 ? "?" : LogText.escape(line.substring(0, tab), 256);
            String reason = LogText.escape(tab < 0 ? line : line.substring(tab + 1));
            throw new TransportException(Kind.DAEMON_NOT_REACHABLE,
                    "remote jzrepl daemon not reachable for identity " + identity + " (" + where + "): " + reason);
        }
        throw new TransportException(Kind.PROTOCOL, "the remote command at " + where + " is not jzrepl stdinserver: it sent "
                + StdinserverProtocol.describe(got, n) + (n < BANNER_LENGTH ? " then EOF" : "")
                + "; check that its authorized_keys line has command=\"jzrepl stdinserver IDENTITY\"");
    }

    static void writeFully(WritableByteChannel out, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }

    /** Reads until {@code want} bytes or EOF; returns the count. */
    static int readUpTo(ReadableByteChannel in, byte[] into, int want) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(into, 0, want);
        while (buf.hasRemaining()) {
            if (in.read(buf) < 0) {
                break;
            }
        }
        return buf.position();
    }

    /** Reads byte by byte up to a newline or EOF or the buffer's end; returns the count without newline. */
    private static int readLine(ReadableByteChannel in, byte[] into) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        int n = 0;
        while (n < into.length) {
            one.clear();
            if (in.read(one) < 0) {
                break;
            }
            byte b = one.get(0);
            if (b == '\n') {
                break;
            }
            into[n++] = b;
        }
        return n;
    }
}
