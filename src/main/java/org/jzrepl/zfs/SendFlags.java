package org.jzrepl.zfs;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code zfs send} flags a job's {@code send:} config selects.
 *
 * @param raw              {@code -w}: send encrypted data as is; the receiver needs no key
 * @param properties       {@code -p}: include the dataset's properties
 * @param backupProperties {@code -b}: include only received properties (restore a backup)
 * @param largeBlocks      {@code -L}: allow blocks larger than 128 KiB
 * @param compressed       {@code -c}: send blocks compressed as stored
 * @param embedded         {@code -e}: send embedded-data blocks as such
 */
public record SendFlags(boolean raw, boolean properties, boolean backupProperties, boolean largeBlocks,
                        boolean compressed, boolean embedded) {

    /** A plain stream, no flags. */
    public static final SendFlags NONE = new SendFlags(false, false, false, false, false, false);

    /** The flags as zfs send options, in a fixed order. */
    public List<String> options() {
        List<String> o = new ArrayList<>();
        if (raw) {
            o.add("-w");
        }
        if (properties) {
            o.add("-p");
        }
        if (backupProperties) {
            o.add("-b");
        }
        if (largeBlocks) {
            o.add("-L");
        }
        if (compressed) {
            o.add("-c");
        }
        if (embedded) {
            o.add("-e");
        }
        return o;
    }
}
