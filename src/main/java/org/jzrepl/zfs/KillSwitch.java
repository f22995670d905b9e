package org.jzrepl.zfs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The zfs processes started for one piece of work (a replication step, a served connection), on
 * whichever of its threads, so that they can all be killed at once: a stopped {@code zfs recv}
 * blocks the thread feeding it in a pipe write that nothing else ends, and a hung {@code zfs send}
 * blocks its caller before the stream starts.
 *
 * <p>The work {@link #bind binds} its switch to each thread it runs on (a thread pool does not pass
 * it on by itself; {@link #carry} wraps a task for another thread). A {@code Zfs} implementation
 * {@link #register registers} each process it starts under the {@link #current} switch and ends
 * the registration when the process has ended. {@link #trip} kills every registered process and
 * every one registered later (the registration kills at once), so a step that is being aborted
 * starts nothing new. Killing a {@code zfs recv -s} keeps its resumable state. Thread-safe.
 */
public final class KillSwitch {

    private static final ThreadLocal<KillSwitch> CURRENT = new ThreadLocal<>();

    /** A started process: {@link #kill} ends it (SIGKILL), from any thread. */
    @FunctionalInterface
    public interface Killable {
        void kill();
    }

    /** A registered process; {@link #ended} when it has exited (idempotent). */
    @FunctionalInterface
    public interface Registration {
        void ended();
    }

    /** The switch bound to a thread until closed; closing restores the one bound before. */
    @FunctionalInterface
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    private final String name;
    private final Set<Killable> running = Collections.newSetFromMap(new IdentityHashMap<>());
    private String tripped;

    /** @param name what the work is, for messages (e.g. {@code step pool/a: @s1 -> @s2}) */
    public KillSwitch(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The switch the current thread works under, if any. */
    public static Optional<KillSwitch> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Makes this the current thread's switch until the binding is closed. */
    public Binding bind() {
        KillSwitch before = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        };
    }

    /** {@code task}, run under the switch current here and now (as is when there is none). */
    public static Runnable carry(Runnable task) {
        KillSwitch s = CURRENT.get();
        if (s == null) {
            return task;
        }
        return () -> {
            try (Binding b = s.bind()) {
                task.run();
            }
        };
    }

    /**
     * Registers a started process. When the switch has tripped already, the process is killed at
     * once (and the registration is ended).
     */
    public Registration register(Killable process) {
        Objects.requireNonNull(process, "process");
        synchronized (this) {
            if (tripped == null) {
                running.add(process);
                return () -> {
                    synchronized (this) {
                        running.remove(process);
                    }
                };
            }
        }
        process.kill();
        return () -> { };
    }

    /**
     * Kills every registered process now and every one registered later; the first call's
     * {@code why} is kept. Idempotent. Returns how many processes it killed.
     */
    public int trip(String why) {
        List<Killable> toKill;
        synchronized (this) {
            if (tripped == null) {
                tripped = Objects.requireNonNull(why, "why");
            }
            toKill = new ArrayList<>(running);
            running.clear();
        }
        toKill.forEach(Killable::kill);
        return toKill.size();
    }

    /** Why the switch tripped, or empty while it has not. */
    public synchronized Optional<String> tripped() {
        return Optional.ofNullable(tripped);
    }

    /** How many registered processes have not ended. */
    public synchronized int running() {
        return running.size();
    }

    @Override
    public String toString() {
        return "KillSwitch[" + name + "]";
    }

    public String name() {
        return name;
    }
}
