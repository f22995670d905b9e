package org.jzrepl.snapshot.hook;

import org.jzrepl.zfs.DatasetPath;

/**
 * One configured snapshot hook. {@link #pre} runs before the snapshot of a filesystem and returns
 * what runs after it ({@link Post}); a hook with nothing to do afterwards returns {@link #NOTHING}.
 * Implementations bound every call by the hook's {@code timeout} and are safe to call from any
 * thread; the ordering across hooks is {@link HookSequence}'s job, not theirs.
 */
public interface Hook {

    /** A post part that does nothing. */
    Post NOTHING = env -> { };

    /** For logs and status, e.g. {@code command /usr/local/bin/freeze}; never a password. */
    String describe();

    /** A failed fatal pre hook skips the snapshot of that filesystem. */
    boolean errIsFatal();

    /** Whether the hook's {@code filesystems} filter selects {@code fs}. */
    boolean appliesTo(DatasetPath fs);

    /**
     * Runs the pre-snapshot part.
     *
     * @return the post-snapshot part, run once after the snapshot whether it succeeded or not
     * @throws HookException the pre part failed or timed out (its post part is not run)
     */
    Post pre(HookEnv env) throws HookException, InterruptedException;

    /**
     * Releases what post parts that have not run yet still hold (the connection holding a
     * MySQL read lock), when the job stops; such a post part then fails and says why. Later
     * {@link #pre} calls may fail. Idempotent; the default holds nothing.
     */
    default void close() {
    }

    /** The post-snapshot part of one successful pre call; may hold resources (a locked connection). */
    @FunctionalInterface
    interface Post {
        void run(HookEnv env) throws HookException, InterruptedException;
    }
}
