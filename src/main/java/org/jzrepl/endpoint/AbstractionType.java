package org.jzrepl.endpoint;

/** The kinds of ZFS objects replication leaves on datasets to protect or remember its progress. */
public enum AbstractionType {
    /** Hold {@code jzrepl_STEP_J_<job>} on a step's from/to snapshots while the step runs. */
    STEP_HOLD,
    /** Hold {@code jzrepl_last_received_J_<job>} on the newest snapshot a receiver got. */
    LAST_RECEIVED_HOLD,
    /** Bookmark {@code #jzrepl_CURSOR_G_<guid>_J_<job>}: the newest snapshot the receiver confirmed. */
    CURSOR,
    /** Bookmark {@code #jzrepl_CURSORTENTATIVE_G_<guid>_J_<job>}: a step's versions while it runs. */
    TENTATIVE_CURSOR;

    public boolean isHold() {
        return this == STEP_HOLD || this == LAST_RECEIVED_HOLD;
    }

    /** The name the CLI prints and accepts ({@code step-hold}, {@code cursor}, ...). */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Parses {@link #cliName()}; throws IllegalArgumentException listing the valid names. */
    public static AbstractionType fromCliName(String s) {
        for (AbstractionType t : values()) {
            if (t.cliName().equals(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown abstraction type '" + s
                + "', expected one of step-hold, last-received-hold, cursor, tentative-cursor");
    }
}
