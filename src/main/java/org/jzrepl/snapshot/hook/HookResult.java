package org.jzrepl.snapshot.hook;

import java.time.Duration;
import java.util.Objects;

/** How one hook call went, for the tick's status. {@code error} is null when it succeeded. */
public record HookResult(String hook, Phase phase, boolean fatal, String error, Duration took) {

    public enum Phase { PRE, POST }

    public HookResult {
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(took, "took");
    }

    public boolean ok() {
        return error == null;
    }
}
