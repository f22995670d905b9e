package org.jzrepl.endpoint;

import org.jzrepl.util.trace.TaskContext;
import org.jzrepl.zfs.KillSwitch;

/**
 * Runs two independent actions at once, for short zfs commands whose round trips would otherwise
 * add up on a step's critical path: the second on a short-lived daemon thread of its own, the first
 * in the caller. Always waits for both, so nothing runs on after a return or a throw. When both
 * fail, the first's failure is thrown with the second's added as suppressed. An interrupt while
 * waiting is passed on to the second's thread (its zfs command then ends, as the caller's would)
 * and the caller's interrupt status is restored after both ended. The second runs under the
 * caller's {@link KillSwitch}, so a step's abort kills its zfs commands on either thread.
 */
final class Parallel {

    /** An action that may fail with {@code E}. */
    @FunctionalInterface
    interface Action<E extends Exception> {
        void run() throws E;
    }

    /** A computation that may fail with {@code E}. */
    @FunctionalInterface
    interface Task<T, E extends Exception> {
        T call() throws E;
    }

    private Parallel() {
    }

    /** Runs {@code first} here and {@code second} on a thread named {@code threadName}. */
    static <E extends Exception> void run(String threadName, Action<E> first, Action<E> second) throws E {
        call(threadName, () -> {
            first.run();
            return null;
        }, second);
    }

    /** As {@link #run}, returning {@code first}'s result. */
    static <T, E extends Exception> T call(String threadName, Task<T, E> first, Action<E> second) throws E {
        Throwable[] secondFailure = new Throwable[1];        // written by the thread, read after join
        // the caller's log context and span, and its step's kill switch
        Thread t = new Thread(TaskContext.capture().wrap(threadName, KillSwitch.carry(() -> {
            try {
                second.run();
            } catch (Throwable e) {
                secondFailure[0] = e;
            }
        })), threadName);
        t.setDaemon(true);
        t.start();
        T result = null;
        Throwable firstFailure = null;
        try {
            result = first.call();
        } catch (Throwable e) {
            firstFailure = e;
        }
        awaitEnd(t);
        if (firstFailure != null) {
            if (secondFailure[0] != null) {
                firstFailure.addSuppressed(secondFailure[0]);
            }
            throw Parallel.<E>rethrown(firstFailure);
        }
        if (secondFailure[0] != null) {
            throw Parallel.<E>rethrown(secondFailure[0]);
        }
        return result;
    }

    private static void awaitEnd(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                t.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The actions throw only {@code E} or unchecked throwables: this returns the former, throws the latter. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrown(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return (E) t;
    }
}
