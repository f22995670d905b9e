package org.jzrepl.snapshot.hook;

import java.util.Objects;
import org.jzrepl.zfs.DatasetPath;

/**
 * What one hook invocation is about: one filesystem of one snapshot tick. {@code dryRun} is
 * zrepl's {@code ZREPL_DRYRUN}: the hook is told that no snapshot will really be taken.
 */
public record HookEnv(DatasetPath fs, String snapshotName, boolean dryRun) {
    public HookEnv {
        Objects.requireNonNull(fs, "fs");
        Objects.requireNonNull(snapshotName, "snapshotName");
    }
}
