package org.jzrepl.zfs;

import java.util.Objects;
import java.util.Optional;

/**
 * What a parsable dry run ({@code zfs send -n -v -P}) says zfs would send: the one
 * {@code full TO SIZE} or {@code incremental FROM TO SIZE} line, where zfs names the versions it
 * resolved (for a resumed send, by the token's guids), and the {@code size} line.
 *
 * @param from the incremental source as zfs names it ({@code pool/fs@a} or {@code pool/fs#a}), empty for a full send
 * @param to   the snapshot zfs would send, {@code pool/fs@b}
 * @param size estimated stream size in bytes
 */
public record SendDryRun(Optional<String> from, String to, long size) {

    public SendDryRun {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
    }
}
