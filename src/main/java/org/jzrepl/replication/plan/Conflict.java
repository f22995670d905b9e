package org.jzrepl.replication.plan;

import org.jzrepl.zfs.DatasetPath;

/**
 * A filesystem the planner cannot replicate without an operator's decision. Nothing is sent for
 * it; other filesystems are unaffected. {@link #message()} names the filesystem, lists the
 * versions on both sides (oldest first, long lists shortened) and says what the operator can do.
 */
public sealed interface Conflict extends Outcome
        permits NoSenderSnapshots, NoCommonAncestor, Diverged, ResumeTokenMismatch, InitialReplicationRefused {

    /** The filesystem, in the sender's namespace. */
    DatasetPath fs();

    /** One line: what is wrong. */
    String summary();

    /** The summary, the remedy and both sides' versions, several lines. */
    String message();
}
