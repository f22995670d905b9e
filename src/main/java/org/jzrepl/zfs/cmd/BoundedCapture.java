package org.jzrepl.zfs.cmd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a stream on its own thread, keeping at most {@code limit} bytes (the head: zfs puts the
 * reason for a failure first) and counting the rest, so a chatty process never blocks on a full
 * pipe and never fills memory.
 */
final class BoundedCapture {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int limit;
    private final Thread thread;
    private long dropped;

    BoundedCapture(InputStream in, int limit, String threadName) {
        this.limit = limit;
        this.thread = new Thread(() -> drain(in), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void drain(InputStream in) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (this) {
                    int keep = Math.max(0, Math.min(n, limit - kept.size()));
                    kept.write(buf, 0, keep);
                    dropped += n - keep;
                }
            }
        } catch (IOException e) {
            // the process went away; what was read so far is the capture
        }
    }

    /** True once more than {@code limit} bytes arrived. */
    synchronized boolean truncated() {
        return dropped > 0;
    }

    /** Waits up to {@code millis} for the stream to end, then returns what was kept. */
    String text(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            String s = kept.toString(StandardCharsets.UTF_8);
            return dropped == 0 ? s : s + "\n[" + dropped + " more bytes not kept]";
        }
    }
}
