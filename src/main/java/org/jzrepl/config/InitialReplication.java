package org.jzrepl.config;

/** {@code conflict_resolution.initial_replication}: what to send when the receiver has nothing. */
public enum InitialReplication {
    /** A full send of the newest snapshot. zrepl's default. */
    MOST_RECENT,
    /** A full send of the oldest snapshot, then incrementals up to the newest. */
    ALL,
    /** Refuse; an operator decides. */
    FAIL
}
