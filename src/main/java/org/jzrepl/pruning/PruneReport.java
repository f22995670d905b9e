package org.jzrepl.pruning;

import java.util.List;
import java.util.Objects;
import org.jzrepl.pruning.FilesystemPrunePlan.KeptSnapshot;
import org.jzrepl.pruning.FilesystemPrunePlan.ProtectedSnapshot;

/**
 * What one side's pruner did in a run, for status and the run's report: immutable,
 * Jackson-serialisable; {@link Pruner#status()} gives one at any time.
 *
 * @param side        which side
 * @param state       where the run is
 * @param pending     filesystems not yet done (planned or tried again)
 * @param done        filesystems done, including skipped ones
 * @param destroyed   snapshots destroyed in all
 * @param errors      failed tries in all, over every filesystem
 * @param error       why the side failed as a whole (its filesystems could not be listed), or null
 * @param filesystems one report per filesystem, in listing order
 */
public record PruneReport(Side side, State state, int pending, int done, int destroyed, int errors, String error,
                          List<Filesystem> filesystems) {

    public enum Side { SENDER, RECEIVER, LOCAL }

    /** PENDING (not started), PLANNING (listing), EXECUTING, WAITING (backoff before another try), DONE, FAILED. */
    public enum State { PENDING, PLANNING, EXECUTING, WAITING, DONE, FAILED }

    /** FAILED: the last try failed and no more are left (or some destroys failed). */
    public enum FilesystemState { PENDING, DONE, SKIPPED, FAILED }

    /** A snapshot zfs would not destroy because holds are on it, with the hold tags. */
    public record Held(String snapshot, List<String> holds) {
        public Held {
            Objects.requireNonNull(snapshot, "snapshot");
            holds = List.copyOf(holds);
        }
    }

    /**
     * One filesystem.
     *
     * @param planned            what the last plan destroys
     * @param destroyed          what was destroyed, over all tries
     * @param kept               every snapshot that stays, with the rules and protection that keep it
     * @param protectedSnapshots the ones the rules would destroy but protection keeps (including
     *                           those the endpoint refused), with why
     * @param held               the ones held by zfs holds, skipped
     * @param skipped            why nothing is destroyed here, or null
     * @param errorCount         failed tries
     * @param lastError          the last failure, or null
     */
    public record Filesystem(String filesystem, FilesystemState state, List<String> planned, List<String> destroyed,
                             List<KeptSnapshot> kept, List<ProtectedSnapshot> protectedSnapshots, List<Held> held,
                             String skipped, int errorCount, String lastError) {
        public Filesystem {
            Objects.requireNonNull(filesystem, "filesystem");
            Objects.requireNonNull(state, "state");
            planned = List.copyOf(planned);
            destroyed = List.copyOf(destroyed);
            kept = List.copyOf(kept);
            protectedSnapshots = List.copyOf(protectedSnapshots);
            held = List.copyOf(held);
        }
    }

    public PruneReport {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(state, "state");
        filesystems = List.copyOf(filesystems);
    }
}
