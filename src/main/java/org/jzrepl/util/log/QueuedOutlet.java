package org.jzrepl.util.log;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An outlet that sends lines over a connection ({@link Sink}: syslog, tcp) from a thread of its
 * own, so that logging never waits for the network. A full queue drops the entry. When sending
 * fails the connection is reset and lines are dropped until {@code retryInterval} has passed, then
 * the next line reconnects (zrepl's {@code retry_interval}); what was dropped is counted and said
 * on the next line that gets through.
 */
public final class QueuedOutlet implements LogOutlet {
    /** Entries waiting at most; beyond, new ones are dropped. */
    public static final int CAPACITY = 10_000;

    /** One connection's worth of sending; used from the outlet's thread only. */
    public interface Sink {
        /** Sends one formatted line, connecting first if needed. */
        void send(LogEntry e, String line) throws IOException;

        /** Closes the connection after a failure or at the end. */
        void reset();
    }

    private final LogEntry.Level level;
    private final LogFormat format;
    private final Sink sink;
    private final Duration retryInterval;
    private final BlockingQueue<LogEntry> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;

    public QueuedOutlet(String name, LogEntry.Level level, LogFormat format, Sink sink, Duration retryInterval) {
        this.level = level;
        this.format = format;
        this.sink = sink;
        this.retryInterval = retryInterval;
        this.thread = new Thread(this::run, "log-outlet " + name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public LogEntry.Level level() {
        return level;
    }

    @Override
    public void write(LogEntry e) {
        if (closed || !queue.offer(e)) {
            dropped.incrementAndGet();
        }
    }

    private void run() {
        long retryAt = 0;
        while (!closed || !queue.isEmpty()) {
            LogEntry e;
            try {
                e = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ie) {
                return;
            }
            if (e == null) {
                continue;
            }
            if (System.nanoTime() - retryAt < 0) {
                dropped.incrementAndGet();
                continue;
            }
            try {
                long lost = dropped.get();
                if (lost > 0) {
                    LogEntry note = new LogEntry(e.time(), LogEntry.Level.WARN, QueuedOutlet.class.getName(),
                            lost + " log entries were dropped (outlet unreachable or too slow)", null, null, "log",
                            null, null);
                    sink.send(note, format.format(note, true, false));
                    dropped.addAndGet(-lost);
                }
                sink.send(e, format.format(e, true, false));
            } catch (IOException | RuntimeException ex) {
                sink.reset();
                dropped.incrementAndGet();
                retryAt = System.nanoTime() + retryInterval.toNanos();
            }
        }
        sink.reset();
    }

    /** Entries dropped and not yet reported. */
    public long dropped() {
        return dropped.get();
    }

    /** Sends what is queued (bounded by a few seconds), then closes the connection. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
