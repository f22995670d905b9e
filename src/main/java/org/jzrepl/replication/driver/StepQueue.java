package org.jzrepl.replication.driver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import org.jzrepl.replication.plan.Step;
import org.jzrepl.zfs.DatasetPath;

/**
 * Hands the steps of one attempt to the workers. A filesystem's steps run one after the other; a
 * filesystem that waits for an ancestor starts once the ancestor's first step is done (it then
 * exists on the receiver), and is abandoned if that step fails. Among the filesystems that can go,
 * the step with the oldest {@code to} (creation time, then createtxg, then path) goes first.
 * Thread-safe; {@link #take()} blocks until a step can go or none is left.
 */
final class StepQueue {

    /** One filesystem's planned steps and the ancestor it waits for, if any. */
    record Planned(DatasetPath fs, List<Step> steps, Optional<DatasetPath> waitFor) {
        Planned {
            Objects.requireNonNull(fs, "fs");
            Objects.requireNonNull(waitFor, "waitFor");
            steps = List.copyOf(steps);
            if (steps.isEmpty()) {
                throw new IllegalArgumentException(fs + ": nothing to queue");
            }
        }
    }

    /** A filesystem that will not start because {@code parent}, which it waited for, failed. */
    record Abandoned(DatasetPath fs, DatasetPath parent) {
    }

    /** The step handed to a worker: step {@code index} of {@code fs}. */
    record Task(DatasetPath fs, int index, Step step) {
    }

    private static final Comparator<Step> OLDEST_TO_FIRST = Comparator
            .comparing((Step s) -> s.to().creation())
            .thenComparingLong(s -> s.to().createTxg())
            .thenComparing(Step::fs);

    private static final class Entry {
        final Planned planned;
        final List<Entry> waiters = new ArrayList<>();
        int next;
        boolean running;
        boolean failed;

        Entry(Planned planned) {
            this.planned = planned;
        }

        boolean finished() {
            return failed || next == planned.steps().size();
        }
    }

    private final Map<DatasetPath, Entry> entries = new LinkedHashMap<>();
    /** Filesystems whose next step may go now: not running, not finished, not waiting. */
    private final PriorityQueue<Entry> ready =
            new PriorityQueue<>((a, b) -> OLDEST_TO_FIRST.compare(nextStep(a), nextStep(b)));
    private int unfinished;
    private boolean stopped;

    StepQueue(List<Planned> filesystems) {
        for (Planned p : filesystems) {
            if (entries.put(p.fs(), new Entry(p)) != null) {
                throw new IllegalArgumentException(p.fs() + " queued twice");
            }
        }
        for (Entry e : entries.values()) {
            Optional<DatasetPath> parent = e.planned.waitFor();
            if (parent.isPresent()) {
                Entry p = entries.get(parent.get());
                if (p == null) {
                    throw new IllegalArgumentException(e.planned.fs() + " waits for " + parent.get()
                            + ", which is not queued");
                }
                p.waiters.add(e);
            } else {
                ready.add(e);
            }
        }
        unfinished = entries.size();
    }

    /** The next step to run, or empty when none is left or the queue was stopped. Cost: O(log n). */
    synchronized Optional<Task> take() throws InterruptedException {
        while (!stopped && unfinished > 0) {
            Entry best = ready.poll();
            if (best != null) {
                best.running = true;
                return Optional.of(new Task(best.planned.fs(), best.next, nextStep(best)));
            }
            wait();
        }
        return Optional.empty();
    }

    /** The task's step succeeded; returns the filesystems that were waiting for it and may now go. */
    synchronized List<DatasetPath> completed(Task task) {
        Entry e = running(task);
        e.running = false;
        e.next++;
        if (e.finished()) {
            unfinished--;
        } else {
            ready.add(e);
        }
        List<DatasetPath> released = new ArrayList<>();
        if (task.index() == 0) {
            for (Entry c : e.waiters) {
                ready.add(c);
                released.add(c.planned.fs());
            }
        }
        notifyAll();
        return released;
    }

    /**
     * The task's step failed: its filesystem is done for this attempt. Returns the filesystems
     * abandoned because they waited (directly or through others) for it, parents first.
     */
    synchronized List<Abandoned> failed(Task task) {
        Entry e = running(task);
        e.running = false;
        e.failed = true;
        unfinished--;
        List<Abandoned> abandoned = new ArrayList<>();
        abandonWaitersOf(e, abandoned);
        notifyAll();
        return abandoned;
    }

    /** The task was taken but not started (no session): it goes back into the queue. */
    synchronized void giveBack(Task task) {
        Entry e = running(task);
        e.running = false;
        ready.add(e);
        notifyAll();
    }

    /** No more steps are handed out; running ones finish. */
    synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    private void abandonWaitersOf(Entry parent, List<Abandoned> out) {
        if (parent.next > 0) {
            return;
        }
        for (Entry c : parent.waiters) {
            if (!c.failed) {
                c.failed = true;
                unfinished--;
                out.add(new Abandoned(c.planned.fs(), parent.planned.fs()));
                abandonWaitersOf(c, out);
            }
        }
    }

    private Entry running(Task task) {
        Entry e = entries.get(task.fs());
        if (e == null || !e.running || e.next != task.index()) {
            throw new IllegalStateException("not a running task: " + task);
        }
        return e;
    }

    private static Step nextStep(Entry e) {
        return e.planned.steps().get(e.next);
    }
}
