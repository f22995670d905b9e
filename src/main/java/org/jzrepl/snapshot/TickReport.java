package org.jzrepl.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jzrepl.snapshot.hook.HookResult;

/**
 * How one snapshot tick went, for the job's status. Immutable; serialises with a plain Jackson
 * {@code ObjectMapper} (strings, numbers, booleans, enums, lists; null for absent).
 *
 * @param at             RFC 3339 "now" of the tick, the time the name was made from
 * @param snapshotName   the name every filesystem of the tick got (null if even naming failed)
 * @param durationMillis from the listing to the last post hook, on the job's clock
 * @param error          why the tick did nothing at all (the listing failed), null otherwise
 * @param pools          one entry per pool with selected filesystems, in name order
 * @param filesystems    every selected filesystem, in name order
 */
public record TickReport(String at, String snapshotName, long durationMillis, String error, List<PoolReport> pools,
                         List<FilesystemReport> filesystems) {

    /** What became of one filesystem's snapshot. */
    public enum Outcome {
        /** The snapshot exists. */
        TAKEN,
        /** A fatal pre hook failed: no snapshot was attempted. */
        SKIPPED_BY_HOOK,
        /** The snapshot command failed for this filesystem (see {@code error}). */
        FAILED
    }

    /**
     * One pool of the tick.
     *
     * @param pool         the pool name
     * @param snapshots    filesystems whose pre hooks allowed a snapshot
     * @param commands     {@code zfs snapshot} commands run for the pool, retries included
     * @param atomic       whether one command took all of the pool's snapshots (one createtxg);
     *                     false when its names needed several commands or its command failed (a
     *                     batch that failed is retried filesystem by filesystem)
     * @param commandError why the pool's first failing command failed, null if none did
     */
    public record PoolReport(String pool, int snapshots, int commands, boolean atomic, String commandError) {
        public PoolReport {
            Objects.requireNonNull(pool, "pool");
        }
    }

    /**
     * One filesystem of the tick.
     *
     * @param filesystem the dataset name
     * @param outcome    see {@link Outcome}
     * @param ok         the snapshot was taken and every hook succeeded (zrepl marks a filesystem
     *                   failed on any hook failure)
     * @param error      why the snapshot failed, null unless {@code outcome} is FAILED
     * @param hooks      every hook call: pre hooks in config order, then post hooks in reverse
     */
    public record FilesystemReport(String filesystem, Outcome outcome, boolean ok, String error, List<HookReport> hooks) {
        public FilesystemReport {
            Objects.requireNonNull(filesystem, "filesystem");
            Objects.requireNonNull(outcome, "outcome");
            hooks = List.copyOf(hooks);
        }

        /** The report with {@code ok} derived from the outcome and hook results. */
        public static FilesystemReport of(String filesystem, Outcome outcome, String error, List<HookResult> hooks) {
            List<HookReport> reports = hooks.stream().map(HookReport::of).toList();
            boolean ok = outcome == Outcome.TAKEN && reports.stream().allMatch(h -> h.error() == null);
            return new FilesystemReport(filesystem, outcome, ok, error, reports);
        }
    }

    /** One hook call ({@link HookResult} in JSON-friendly form). */
    public record HookReport(String hook, HookResult.Phase phase, boolean fatal, String error, long durationMillis) {
        public HookReport {
            Objects.requireNonNull(hook, "hook");
            Objects.requireNonNull(phase, "phase");
        }

        static HookReport of(HookResult r) {
            return new HookReport(r.hook(), r.phase(), r.fatal(), r.error(), r.took().toMillis());
        }
    }

    public TickReport {
        Objects.requireNonNull(at, "at");
        pools = List.copyOf(pools);
        filesystems = List.copyOf(filesystems);
    }

    /** A tick that could not start: nothing was listed, no hook ran, nothing was taken. */
    public static TickReport failed(Instant at, String snapshotName, Duration took, String error) {
        return new TickReport(at.toString(), snapshotName, took.toMillis(), Objects.requireNonNull(error, "error"),
                List.of(), List.of());
    }

    /** Filesystems whose snapshot exists after the tick. */
    public long taken() {
        return filesystems.stream().filter(f -> f.outcome() == Outcome.TAKEN).count();
    }

    /** Whether the tick did all it should: no error, every filesystem ok. */
    public boolean allOk() {
        return error == null && filesystems.stream().allMatch(FilesystemReport::ok);
    }
}
