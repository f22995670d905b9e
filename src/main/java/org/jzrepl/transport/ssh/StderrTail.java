package org.jzrepl.transport.ssh;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jzrepl.util.LogText;

/**
 * Keeps the last few KiB a remote command wrote to stderr, so the channel never stalls on it.
 * {@link #text()} is escaped: the remote side chooses those bytes.
 */
final class StderrTail extends OutputStream {
    private static final int CAPACITY = 4096;
    private final byte[] ring = new byte[CAPACITY];
    private long written;

    @Override
    public synchronized void write(int b) {
        ring[(int) (written++ % CAPACITY)] = (byte) b;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            write(b[off + i]);
        }
    }

    synchronized String text() {
        int n = (int) Math.min(written, CAPACITY);
        byte[] out = new byte[n];
        long start = written - n;
        for (int i = 0; i < n; i++) {
            out[i] = ring[(int) ((start + i) % CAPACITY)];
        }
        String escaped = LogText.escape(new String(out, StandardCharsets.UTF_8).strip(), Integer.MAX_VALUE);
        if (escaped.length() <= CAPACITY) {
            return escaped;
        }
        int from = escaped.length() - CAPACITY; // the end says most: keep it
        if (Character.isLowSurrogate(escaped.charAt(from))) {
            from++;
        }
        return "(cut)..." + escaped.substring(from);
    }
}
