package org.jzrepl.pruning;

import org.jzrepl.util.log.LogContext;
import org.jzrepl.util.trace.Span;
import org.jzrepl.util.trace.Spans;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jzrepl.endpoint.Endpoint;
import org.jzrepl.endpoint.Messages.FilesystemEntry;
import org.jzrepl.endpoint.Receiver;
import org.jzrepl.endpoint.Sender;
import org.jzrepl.pruning.PruneReport.FilesystemState;
import org.jzrepl.pruning.PruneReport.Side;
import org.jzrepl.pruning.PruneReport.State;
import org.jzrepl.runtime.Sleeper;
import org.jzrepl.util.LogText;

/**
 * Prunes one side of a job: lists its filesystems, plans each ({@link SidePlanner}: keep rules
 * plus {@link Protection}), destroys through {@link Endpoint#destroySnapshots} ({@link
 * FilesystemPrune}), and tries a failed filesystem again, re-planned from a fresh listing, after a
 * backoff ({@link PruneSettings}), within the same run. The same code prunes locally and through
 * the RPC proxy: push prunes its sender locally and the sink remotely, pull the other way round.
 *
 * <p>One instance per run; {@link #run} on one thread (a job's run task), {@link #status} from any.
 * A listing that fails is tried again like a filesystem; when the tries are used up the side is
 * FAILED and says why. An interruption (the job stopping) ends the run: {@link #run} throws.
 */
public final class Pruner {

    private final Side side;
    private final SidePlanner planner;
    private final Endpoint target;
    private final PruneSettings settings;
    private final Sleeper sleeper;
    private final Progress progress;

    private Pruner(Side side, SidePlanner planner, Endpoint target, PruneSettings settings, Sleeper sleeper) {
        this.side = side;
        this.planner = planner;
        this.target = target;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.progress = new Progress(side);
    }

    /**
     * Prunes the sender ({@code keep_sender}) with {@code sender}'s replication cursor for
     * {@code not_replicated}, protecting what {@code receiver} (the client {@code client} whose job
     * runs this) needs.
     */
    public static Pruner sender(Sender sender, Receiver receiver, String client, List<Keep> rules,
                                PruneSettings settings, Sleeper sleeper) {
        return new Pruner(Side.SENDER, new SidePlanner(Side.SENDER, sender, receiver, sender, client, rules), sender,
                settings, sleeper);
    }

    /** Prunes the receiver ({@code keep_receiver}), protecting its newest snapshot the sender still has. */
    public static Pruner receiver(Receiver receiver, Sender sender, List<Keep> rules, PruneSettings settings,
                                  Sleeper sleeper) {
        return new Pruner(Side.RECEIVER, new SidePlanner(Side.RECEIVER, receiver, sender, null, "sender", rules),
                receiver, settings, sleeper);
    }

    /**
     * Prunes local filesystems without a peer (a snap job's {@code pruning.keep}); cursor
     * bookmarks other jobs left there are still protected.
     */
    public static Pruner local(Endpoint filesystems, List<Keep> rules, PruneSettings settings, Sleeper sleeper) {
        return new Pruner(Side.LOCAL, new SidePlanner(Side.LOCAL, filesystems, null, null, "local", rules),
                filesystems, settings, sleeper);
    }

    /**
     * The plan for every filesystem, without destroying anything: what {@link #run} would do now
     * (for {@code jzrepl prune --dry-run}). One try; a failure is thrown.
     */
    public List<FilesystemPrunePlan> dryRun() throws IOException {
        SidePlanner.Listing l = planner.list();
        List<FilesystemPrunePlan> out = new ArrayList<>(l.target().size());
        for (FilesystemEntry fs : l.target()) {
            out.add(planner.plan(fs, l));
        }
        return out;
    }

    /** The report so far; safe from any thread. */
    public PruneReport status() {
        return progress.report();
    }

    /** Prunes every filesystem, trying failed ones again; returns the final report. In span {@code prune-SIDE}. */
    public PruneReport run() throws InterruptedException {
        try (Span s = Spans.begin("prune-" + side.name().toLowerCase(java.util.Locale.ROOT))) {
            return prune();
        }
    }

    private PruneReport prune() throws InterruptedException {
        Map<String, FilesystemPrune> work = new LinkedHashMap<>();
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            if (attempt > 1) {
                progress.state(State.WAITING);
                sleeper.sleep(settings.backoffBefore(attempt));
            }
            checkInterrupt();
            progress.state(State.PLANNING);
            SidePlanner.Listing listing;
            try {
                listing = planner.list();
            } catch (IOException | RuntimeException e) {
                progress.sideError(describe(e));
                continue;
            }
            progress.sideError(null);
            for (FilesystemEntry fs : listing.target()) {
                work.computeIfAbsent(fs.datasetPath().name(), n -> new FilesystemPrune(n, target, progress));
            }
            progress.state(State.EXECUTING);
            boolean failed = false;
            for (FilesystemEntry fs : listing.target()) {
                checkInterrupt();
                FilesystemPrune p = work.get(fs.datasetPath().name());
                if (p.state() == FilesystemState.PENDING || p.state() == FilesystemState.FAILED) {
                    try (LogContext.Scope f = LogContext.with(LogContext.FILESYSTEM, fs.datasetPath().name());
                         LogContext.Scope s = LogContext.with(LogContext.SUBSYSTEM, "pruning");
                         Span span = Spans.begin("fs", "filesystem", fs.datasetPath().name())) {
                        p.tryOnce(() -> planner.plan(fs, listing));
                    }
                    failed |= p.state() == FilesystemState.FAILED;
                }
            }
            if (!failed) {
                break;
            }
        }
        return progress.finish();
    }

    static String describe(Exception e) {
        return LogText.escape(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static void checkInterrupt() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("pruning interrupted");
        }
    }
}
