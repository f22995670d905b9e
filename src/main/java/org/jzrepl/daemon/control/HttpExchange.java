package org.jzrepl.daemon.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The little HTTP/1.1 the control socket speaks: one request, one response, then close.
 * Requests are bounded (head {@value #MAX_HEAD} bytes, body {@value #MAX_BODY}) and rejected
 * before anything of a larger claimed size is allocated.
 */
final class HttpExchange {
    static final int MAX_HEAD = 8 * 1024;
    static final int MAX_BODY = 64 * 1024;

    record Message(String startLine, int contentLength, byte[] body) {
    }

    /** A malformed or oversized message; {@code status} is the HTTP status to answer with. */
    static final class BadMessageException extends IOException {
        final int status;

        BadMessageException(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private HttpExchange() {
    }

    /** Reads a request or response: start line, headers, and a Content-Length body. */
    static Message read(ReadableByteChannel in, int maxBody) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(MAX_HEAD);
        int end = -1;
        while (end < 0) {
            if (!head.hasRemaining()) {
                throw new BadMessageException(431, "header larger than " + MAX_HEAD + " bytes");
            }
            if (in.read(head) < 0) {
                throw new BadMessageException(400, "connection closed before the header ended");
            }
            end = headerEnd(head.array(), head.position());
        }
        String text = new String(head.array(), 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r\n");
        int length = 0;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                length = parseLength(lines[i].substring(colon + 1).trim(), maxBody);
            }
        }
        byte[] body = new byte[length];
        int already = Math.min(length, head.position() - end - 4);
        System.arraycopy(head.array(), end + 4, body, 0, already);
        ByteBuffer rest = ByteBuffer.wrap(body, already, length - already);
        while (rest.hasRemaining()) {
            if (in.read(rest) < 0) {
                throw new BadMessageException(400, "connection closed in the body");
            }
        }
        return new Message(lines[0], length, body);
    }

    static void write(WritableByteChannel out, String startLine, byte[] body) throws IOException {
        String head = startLine + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        ByteBuffer[] bufs = {ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1)), ByteBuffer.wrap(body)};
        for (ByteBuffer b : bufs) {
            while (b.hasRemaining()) {
                out.write(b);
            }
        }
    }

    /** Reads and discards up to {@code limit} bytes or until EOF. */
    static void drain(ReadableByteChannel in, int limit) throws IOException {
        ByteBuffer sink = ByteBuffer.allocate(8192);
        for (int total = 0; total < limit; ) {
            sink.clear();
            int n = in.read(sink);
            if (n < 0) {
                return;
            }
            total += n;
        }
    }

    private static int parseLength(String v, int maxBody) throws BadMessageException {
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new BadMessageException(400, "bad Content-Length '" + v + "'");
        }
        if (n < 0 || n > maxBody) {
            throw new BadMessageException(413, "body of " + n + " bytes exceeds the limit of " + maxBody);
        }
        return (int) n;
    }

    private static int headerEnd(byte[] b, int len) {
        for (int i = 0; i + 3 < len; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
