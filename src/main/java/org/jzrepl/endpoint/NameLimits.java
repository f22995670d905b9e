package org.jzrepl.endpoint;

import java.util.List;
import org.jzrepl.zfs.DatasetPath;

/**
 * ZFS's limit on a full name ({@code fs@snapshot}, {@code fs#bookmark}: at most
 * {@value #MAX_NAME} bytes, ZFS_MAX_DATASET_NAME_LEN less its NUL) applied to the names replication
 * will create, so that a filesystem whose names cannot fit is refused before anything is sent,
 * not after the transfer, when its cursor bookmark or received snapshot cannot be made. Dataset
 * names are ASCII ({@link DatasetPath}), so characters are bytes.
 */
final class NameLimits {

    static final int MAX_NAME = 255;

    private NameLimits() {
    }

    /**
     * Refuses when a bookmark of {@code fs} named by one of {@code shortNames} would be too long:
     * the sender's check before a step, for the cursors the step leaves.
     */
    static void checkBookmarks(DatasetPath fs, List<String> shortNames) throws EndpointException {
        for (String b : shortNames) {
            int length = fs.name().length() + 1 + b.length();
            if (length > MAX_NAME) {
                throw new EndpointException(EndpointException.REFUSED, "cannot replicate " + fs + ": its replication"
                        + " cursor bookmark " + fs + "#" + b + " would be " + length + " bytes long, over ZFS's limit of "
                        + MAX_NAME + " by " + (length - MAX_NAME) + ", so the next incremental step would have no base;"
                        + " nothing was sent. Shorten the filesystem's name (zfs rename) or the job's name");
            }
        }
    }

    /** Refuses when {@code target@snapshot} would be too long: the receiver's check before a receive. */
    static void checkSnapshot(DatasetPath target, String snapshot) throws EndpointException {
        int length = target.name().length() + 1 + snapshot.length();
        if (length > MAX_NAME) {
            throw new EndpointException(EndpointException.REFUSED, "cannot receive " + target + "@" + snapshot
                    + ": the name would be " + length + " bytes long, over ZFS's limit of " + MAX_NAME + " by "
                    + (length - MAX_NAME) + "; nothing was received. Use a shorter root_fs, or shorter filesystem or snapshot names");
        }
    }
}
