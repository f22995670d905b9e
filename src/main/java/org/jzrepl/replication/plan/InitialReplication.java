package org.jzrepl.replication.plan;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What to send when the receiver has no snapshot of a filesystem yet
 * ({@code conflict_resolution.initial_replication} in the config).
 */
public enum InitialReplication {
    /** One full send of the sender's newest snapshot; older snapshots are not replicated. */
    MOST_RECENT("most_recent"),
    /** A full send of the oldest snapshot, then an incremental send to every newer snapshot. */
    ALL("all"),
    /** Refuse: the filesystem gets a conflict and nothing is sent. */
    FAIL("fail");

    private final String configName;

    InitialReplication(String configName) {
        this.configName = configName;
    }

    /** The spelling used in the YAML config. */
    public String configName() {
        return configName;
    }

    /** Parses the config spelling; the error names the accepted values. */
    public static InitialReplication parse(String configName) {
        for (InitialReplication v : values()) {
            if (v.configName.equals(configName)) {
                return v;
            }
        }
        throw new IllegalArgumentException("initial_replication must be one of "
                + Arrays.stream(values()).map(InitialReplication::configName).collect(Collectors.joining(", "))
                + ", not '" + configName + "'");
    }
}
