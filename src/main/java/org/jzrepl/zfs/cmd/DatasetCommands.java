package org.jzrepl.zfs.cmd;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jzrepl.zfs.DatasetNotFoundException;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.DestroyResult;
import org.jzrepl.zfs.RecvArgs;
import org.jzrepl.zfs.SnapshotBatches;
import org.jzrepl.zfs.VersionRef;
import org.jzrepl.zfs.ZfsException;

/**
 * The datasets and versions of {@link ZfsCli}: {@code zfs create}, {@code snapshot},
 * {@code bookmark} and {@code destroy}, snapshots destroyed in batches. Stateless.
 */
final class DatasetCommands {

    private final ZfsRunner runner;
    private final int destroyBatchBytes;

    DatasetCommands(ZfsRunner runner, int destroyBatchBytes) {
        this.runner = runner;
        this.destroyBatchBytes = destroyBatchBytes;
    }

    void create(DatasetPath fs, Map<String, String> properties, boolean parents) throws ZfsException {
        List<String> options = new ArrayList<>();
        if (parents) {
            options.add("-p");
        }
        for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
            options.add("-o");
            options.add(RecvArgs.checkProperty(e.getKey()) + "=" + e.getValue());
        }
        runner.run(Argv.of("create", options, fs.name()));
    }

    void destroy(DatasetPath dataset, boolean recursive) throws ZfsException {
        runner.run(Argv.of("destroy", recursive ? List.of("-r") : List.of(), dataset.name()));
    }

    void snapshot(DatasetPath fs, String name) throws ZfsException {
        runner.run(Argv.of("snapshot", List.of(), VersionRef.snapshot(name).fullName(fs)));
    }

    void snapshotAtomically(List<DatasetPath> filesystems, String name) throws ZfsException {
        runner.run(Argv.of("snapshot", List.of(), SnapshotBatches.operands(filesystems, name, SnapshotBatches.MAX_BYTES)));
    }

    void bookmark(DatasetPath fs, VersionRef source, String bookmark) throws ZfsException {
        runner.run(Argv.of("bookmark", List.of(),
                List.of(source.fullName(fs), VersionRef.bookmark(bookmark).fullName(fs))));
    }

    void destroyBookmark(DatasetPath fs, String bookmark) throws ZfsException {
        runner.run(Argv.of("destroy", List.of(), VersionRef.bookmark(bookmark).fullName(fs)));
    }

    DestroyResult destroySnapshots(DatasetPath fs, List<String> snapshots) throws ZfsException {
        List<String> unique = DestroyBatches.checked(snapshots);
        List<String> destroyed = new ArrayList<>();
        Map<String, ZfsException> failed = new HashMap<>();
        for (String batch : DestroyBatches.of(fs, unique, destroyBatchBytes)) {
            List<String> names = DestroyBatches.names(batch);
            try {
                runner.run(Argv.of("destroy", List.of(), batch));
                destroyed.addAll(names);
            } catch (ZfsException batchFailure) {
                if (names.size() == 1) {
                    record(names.get(0), batchFailure, destroyed, failed);
                    continue;
                }
                for (String n : names) {     // find out which ones failed, and destroy the rest
                    try {
                        runner.run(Argv.of("destroy", List.of(), VersionRef.snapshot(n).fullName(fs)));
                        destroyed.add(n);
                    } catch (ZfsException e) {
                        record(n, e, destroyed, failed);
                    }
                }
            }
        }
        return new DestroyResult(destroyed, failed);
    }

    /** A snapshot that no longer exists counts as destroyed: destroy is idempotent. */
    private static void record(String name, ZfsException e, List<String> destroyed, Map<String, ZfsException> failed) {
        if (e instanceof DatasetNotFoundException) {
            destroyed.add(name);
        } else {
            failed.put(name, e);
        }
    }
}
