package org.jzrepl.pruning;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.config.RecvOptions;
import org.jzrepl.endpoint.AbstractionNames;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.endpoint.Messages.SendCompletedRequest;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.endpoint.ZfsReceiver;
import org.jzrepl.endpoint.ZfsSender;
import org.jzrepl.testing.zfs.InMemoryZfs;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.SendFlags;
import org.jzrepl.zfs.ZfsException;

/**
 * A sender pool and target pools in memory, behind the real {@link ZfsSender} (one per target's
 * job, all on the same sender pool) and {@link ZfsReceiver} endpoints. A replication step puts the
 * snapshot on the target as {@code zfs recv} would (same guid and creation) and then, unless the
 * confirmation is lost, completes it on the sender with the real {@code sendCompleted}.
 */
final class PruneWorld {
    static final DatasetPath FS = DatasetPath.parse("pool/data");
    static final DatasetPath ROOT = DatasetPath.parse("back");
    static final ReplicationConfig NOTHING = new ReplicationConfig(ProtectionGuarantee.GUARANTEE_NOTHING,
            ProtectionGuarantee.GUARANTEE_NOTHING);

    final InMemoryZfs source = new InMemoryZfs();
    final List<Target> targets;

    /** One target: its job (the name its cursor carries), pool and endpoints. */
    static final class Target {
        final String job;
        final InMemoryZfs pool = new InMemoryZfs();
        final ZfsSender sender;
        final ZfsReceiver receiver;

        Target(String job, InMemoryZfs source) throws ZfsException {
            this.job = job;
            pool.create(ROOT, Map.of(), true);
            sender = new ZfsSender(source, job, FilesystemFilter.of(Map.of("pool<", true)), SendFlags.NONE);
            receiver = ZfsReceiver.forPull(pool, job, ROOT, RecvOptions.DEFAULT);
        }

        DatasetPath fs() {
            return ROOT.child("pool").child("data");
        }

        List<FilesystemVersion> versions() throws ZfsException {
            return pool.dataset(fs()).map(DatasetInfo::versions).orElse(List.of());
        }
    }

    PruneWorld(String... jobs) throws ZfsException {
        source.create(FS, Map.of(), true);
        targets = java.util.Arrays.stream(jobs).map(j -> {
            try {
                return new Target(j, source);
            } catch (ZfsException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    Target target(int i) {
        return targets.get(i);
    }

    void snap(String name) throws ZfsException {
        source.snapshot(FS, name);
    }

    List<FilesystemVersion> sourceVersions() throws ZfsException {
        return source.dataset(FS).orElseThrow().versions();
    }

    /**
     * Replicates {@code name} to target {@code t} from its newest snapshot (full when it has none),
     * as the driver does; {@code confirm} false: the {@code sendCompleted} is lost.
     */
    void replicate(Target t, String name, boolean confirm) throws Exception {
        FilesystemVersion to = sourceVersions().stream().filter(v -> v.isSnapshot() && v.name().equals(name))
                .findFirst().orElseThrow();
        if (t.pool.dataset(t.fs()).isEmpty()) {
            t.pool.create(t.fs(), Map.of(), true);
        }
        List<FilesystemVersion> have = t.versions().stream().filter(FilesystemVersion::isSnapshot).toList();
        Optional<FilesystemVersion> from = Optional.empty();
        if (!have.isEmpty()) {
            FilesystemVersion newest = have.get(have.size() - 1);
            from = sourceVersions().stream().filter(v -> v.guid().equals(newest.guid())).findFirst();
        }
        t.pool.received(t.fs(), to.name(), to.guid(), to.creation());
        if (confirm) {
            t.sender.sendCompleted(new SendCompletedRequest(new SendRequest(FS.name(),
                    from.map(Version::of).orElse(null), Version.of(to), null, NOTHING)));
        }
    }

    /** The guid of target {@code t}'s cursor on the sender, if any. */
    Optional<FilesystemVersion> cursor(Target t) throws ZfsException {
        return sourceVersions().stream().filter(v -> v.isBookmark()
                && AbstractionNames.parseBookmark(v.name()).filter(p -> p.job().equals(t.job)).isPresent()).findFirst();
    }
}
