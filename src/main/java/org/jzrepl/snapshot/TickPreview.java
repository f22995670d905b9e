package org.jzrepl.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * What a tick would do now, taking nothing: {@code jzrepl test snapshot --job J}. Serialises with
 * a plain Jackson {@code ObjectMapper}.
 *
 * @param at           RFC 3339 time the name is made from
 * @param snapshotName the name every selected filesystem would get
 * @param pools        the pools with selected filesystems, in name order
 */
public record TickPreview(String at, String snapshotName, List<PoolPreview> pools) {

    public TickPreview {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(snapshotName, "snapshotName");
        pools = List.copyOf(pools);
    }

    /**
     * @param pool        the pool name
     * @param commands    {@code zfs snapshot} commands the pool takes if no hook forbids a snapshot:
     *                    1 unless its names exceed one command line
     * @param filesystems the pool's selected filesystems in the order their hooks run
     */
    public record PoolPreview(String pool, int commands, List<FilesystemPreview> filesystems) {
        public PoolPreview {
            Objects.requireNonNull(pool, "pool");
            filesystems = List.copyOf(filesystems);
        }
    }

    /** One filesystem and the hooks that would run for it (their descriptions, config order). */
    public record FilesystemPreview(String filesystem, List<String> hooks) {
        public FilesystemPreview {
            Objects.requireNonNull(filesystem, "filesystem");
            hooks = List.copyOf(hooks);
        }
    }

    /** Every filesystem the tick would snapshot, as {@code pool/fs@name}, pool by pool. */
    public List<String> snapshots() {
        return pools.stream().flatMap(p -> p.filesystems().stream()).map(f -> f.filesystem() + "@" + snapshotName)
                .toList();
    }
}
