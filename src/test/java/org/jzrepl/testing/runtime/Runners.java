package org.jzrepl.testing.runtime;

import java.time.Clock;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.runtime.ThreadTaskRunner;

/** Task runners for tests that run real threads on the real clock. */
public final class Runners {
    private static final TaskRunner SHARED = new ThreadTaskRunner(Clock.systemUTC());

    private Runners() {
    }

    /** One runner for the whole test JVM; never closed (its threads are daemons). */
    public static TaskRunner shared() {
        return SHARED;
    }

    /** A runner of its own, for a test that closes it (e.g. a daemon, which owns its runner). */
    public static TaskRunner fresh() {
        return new ThreadTaskRunner(Clock.systemUTC());
    }
}
