package org.jzrepl.snapshot.hook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jzrepl.util.LogText;
import org.slf4j.Logger;

/**
 * What one run of a command hook printed: each line of stdout logged at info, of stderr at warn
 * (escaped, long lines split at {@link #MAX_LINE} bytes), and both kept together in an
 * {@link OutputRing}. The log gets at most as many bytes per run as the ring keeps; beyond that
 * one warning says the rest is not logged, so a chatty hook can flood neither memory nor log.
 */
final class HookOutput {
    /** Longest piece of a line logged as one log line. */
    static final int MAX_LINE = 4096;

    private final String label;
    private final Logger log;
    private final OutputRing ring;
    private final AtomicLong logged = new AtomicLong();
    private final AtomicBoolean warnedCut = new AtomicBoolean();

    HookOutput(String label, int capacity, Logger log) {
        this.label = label;
        this.log = log;
        this.ring = new OutputRing(capacity);
    }

    /** Reads {@code in} to its end (or until it fails: the process was killed), logging each line. */
    void drain(InputStream in, boolean stderr) {
        byte[] chunk = new byte[8192];
        byte[] line = new byte[MAX_LINE];
        int len = 0;
        try (in) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                ring.write(chunk, 0, n);
                for (int i = 0; i < n; i++) {
                    byte b = chunk[i];
                    if (b == '\n' || len == MAX_LINE) {
                        emit(line, len, stderr);
                        len = 0;
                        if (b == '\n') {
                            continue;
                        }
                    }
                    line[len++] = b;
                }
            }
        } catch (IOException e) {
            // the stream closes under us when the process group is killed: keep what was read
        }
        if (len > 0) {
            emit(line, len, stderr);
        }
    }

    private void emit(byte[] line, int len, boolean stderr) {
        if (logged.addAndGet(len + 1L) > ring.capacity()) {
            if (!warnedCut.getAndSet(true)) {
                log.warn("{}: output beyond {} bytes is not logged (its last {} bytes are kept for status)",
                        label, ring.capacity(), ring.capacity());
            }
            return;
        }
        String text = LogText.escape(new String(line, 0, len, StandardCharsets.UTF_8), 2 * MAX_LINE);
        if (stderr) {
            log.warn("{} stderr: {}", label, text);
        } else {
            log.info("{} stdout: {}", label, text);
        }
    }

    /** Bytes printed in all, kept or not. */
    long total() {
        return ring.total();
    }

    /** The kept output as lines, each escaped. */
    List<String> lines() {
        String text = new String(ring.bytes(), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (String l : text.split("\n", -1)) {
            out.add(LogText.escape(l, Integer.MAX_VALUE - 16));
        }
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** The end of the output on one line, lines joined by {@code \n} escapes, at most {@code maxChars}. */
    String tail(int maxChars) {
        String joined = String.join("\\n", lines());
        if (joined.length() <= maxChars) {
            return joined;
        }
        int from = joined.length() - maxChars;
        if (Character.isLowSurrogate(joined.charAt(from))) {
            from++; // never start with half a pair
        }
        return "..." + joined.substring(from);
    }
}
