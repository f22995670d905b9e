package org.jzrepl.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jzrepl.util.trace.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's {@link TaskRunner}: a timer thread hands due tasks to a growing pool of daemon
 * worker threads. The timer re-reads the clock at least every {@link #MAX_TIMER_WAIT}, so a task
 * scheduled for a wall-clock instant runs near it even after the clock jumped.
 */
public final class ThreadTaskRunner implements TaskRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadTaskRunner.class);
    /** The longest the timer sleeps before reading the clock again. */
    public static final Duration MAX_TIMER_WAIT = Duration.ofSeconds(1);
    /** How long {@link #close()} waits for running tasks after interrupting them. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Clock clock;
    private final ThreadPoolExecutor workers;
    private final Thread timer;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private final AtomicLong seq = new AtomicLong();
    private boolean closed;

    private record Entry(Instant at, long seq, Job job) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    public ThreadTaskRunner(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> daemon(r, "jzrepl-worker-" + n.incrementAndGet()));
        this.timer = daemon(this::timerLoop, "jzrepl-timer");
        timer.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Task execute(String name, Runnable task) {
        Job job = new Job(name, task);
        start(job);
        return job;
    }

    @Override
    public Task schedule(String name, Instant at, Runnable task) {
        Job job = new Job(name, task);
        synchronized (queue) {
            if (closed) {
                job.cancel();
                return job;
            }
            queue.add(new Entry(at, seq.incrementAndGet(), job));
            queue.notifyAll();
        }
        return job;
    }

    private void start(Job job) {
        try {
            job.future(workers.submit(job::run));
        } catch (RejectedExecutionException e) { // closed
            job.cancel();
        }
    }

    private void timerLoop() {
        while (true) {
            Job due;
            synchronized (queue) {
                while (true) {
                    if (closed) {
                        return;
                    }
                    Entry head = queue.peek();
                    long nanos = head == null ? MAX_TIMER_WAIT.toNanos()
                            : Duration.between(clock.instant(), head.at()).toNanos();
                    if (head != null && nanos <= 0) {          // never before its instant
                        due = queue.poll().job();
                        break;
                    }
                    long wait = (nanos + 999_999) / 1_000_000; // rounded up: a part-millisecond is waited too
                    try {
                        queue.wait(Math.max(1, Math.min(wait, MAX_TIMER_WAIT.toMillis())));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            if (!due.done()) {
                start(due);
            }
        }
    }

    @Override
    public void close() {
        synchronized (queue) {
            if (closed) {
                return;
            }
            closed = true;
            for (Entry e : queue) {
                e.job().cancel();
            }
            queue.clear();
            queue.notifyAll();
        }
        timer.interrupt();
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("tasks still running {} after close: {}", CLOSE_TIMEOUT, workers.getActiveCount());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One task: runs once unless cancelled first; a running one is interrupted by cancel. It runs in
     * the log context and span of the thread that submitted it (captured then: pool threads are reused).
     */
    private static final class Job implements Task {
        private final String name;
        private final Runnable body;
        private final TaskContext context = TaskContext.capture();
        private Future<?> future;
        private boolean cancelled;
        private boolean finished;

        Job(String name, Runnable body) {
            this.name = Objects.requireNonNull(name, "name");
            this.body = Objects.requireNonNull(body, "task");
        }

        @Override
        public String name() {
            return name;
        }

        synchronized void future(Future<?> f) {
            future = f;
            if (cancelled) {
                f.cancel(true);
            }
        }

        void run() {
            synchronized (this) {
                if (cancelled) {
                    return;
                }
            }
            Thread t = Thread.currentThread();
            String old = t.getName();
            try {
                context.run(name, () -> {
                    t.setName(old + " " + name);
                    body.run();
                });
            } catch (RuntimeException | Error e) {
                LOG.error("task '{}' failed: {}", name, e.toString(), e);
            } finally {
                t.setName(old);
                synchronized (this) {
                    finished = true;
                }
            }
        }

        @Override
        public synchronized void cancel() {
            if (cancelled || finished) {
                return;
            }
            cancelled = true;
            if (future != null) {
                future.cancel(true);
            }
        }

        @Override
        public synchronized boolean done() {
            return cancelled || finished;
        }
    }
}
