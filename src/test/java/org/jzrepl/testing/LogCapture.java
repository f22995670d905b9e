package org.jzrepl.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Captures what slf4j-simple logs (it writes to {@code System.err}, looked up on every call; see
 * src/test/resources/simplelogger.properties) while open, and still passes it on to the
 * original stream. Tests run one at a time in a fork, so the capture sees this test's lines plus,
 * at most, stray lines of threads a previous test left behind: match on a marker.
 */
public final class LogCapture implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private LogCapture() {
        PrintStream tee = new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                synchronized (bytes) {
                    bytes.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (bytes) {
                    bytes.write(b, off, len);
                }
                original.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
        System.setErr(tee);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    /** Everything captured so far, as written. */
    public String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** The captured text split at {@code \n}, {@code \r} and the Unicode line breaks a terminal or viewer may honour. */
    public List<String> lines() {
        return List.of(text().split("\r\n|[\n\r\u000b\f\u0085\u2028\u2029]", -1));
    }

    /** Waits (bounded) until a captured line matches; returns whether one did. */
    public boolean await(Predicate<String> line, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (lines().stream().anyMatch(line)) {
                return true;
            }
            Thread.sleep(20);
        }
        return lines().stream().anyMatch(line);
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
