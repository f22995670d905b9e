package org.jzrepl.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jzrepl.zfs.DatasetPath;

/**
 * One job. Active jobs (push, pull) dial a passive peer (sink, source) and drive replication;
 * snap jobs only snapshot and prune locally. Omitted optional sections take the defaults of
 * their records ({@link SendOptions#DEFAULT}, {@link RecvOptions#DEFAULT},
 * {@link ReplicationOptions#DEFAULT}, {@link InitialReplication#MOST_RECENT}).
 */
public sealed interface JobConfig {

    String name();

    /** The YAML {@code type}. */
    String type();

    /** {@code pruning} of an active job: rules for the sender's and the receiver's snapshots. */
    record Pruning(List<KeepRule> keepSender, List<KeepRule> keepReceiver) {
        public Pruning {
            keepSender = List.copyOf(keepSender);
            keepReceiver = List.copyOf(keepReceiver);
            if (keepReceiver.stream().anyMatch(r -> r instanceof KeepRule.NotReplicated)) {
                throw new IllegalArgumentException("not_replicated is only valid in keep_sender");
            }
        }
    }

    /** {@code push}: snapshots {@code filesystems} locally, sends them to a sink. */
    record Push(String name, ConnectConfig connect, FilesystemFilter filesystems, SendOptions send,
                SnapshottingConfig snapshotting, Pruning pruning, ReplicationOptions replication,
                ConflictResolution conflictResolution) implements JobConfig {
        public Push {
            Names.checkJobName(name);
            Objects.requireNonNull(connect, "connect");
            Objects.requireNonNull(filesystems, "filesystems");
            Objects.requireNonNull(send, "send");
            Objects.requireNonNull(snapshotting, "snapshotting");
            Objects.requireNonNull(pruning, "pruning");
            Objects.requireNonNull(replication, "replication");
            Objects.requireNonNull(conflictResolution, "conflictResolution");
        }

        @Override
        public String type() {
            return "push";
        }
    }

    /**
     * {@code pull}: every {@code interval} (empty = {@code manual}, run only on wakeup) pulls from a
     * source into {@code root_fs}.
     */
    record Pull(String name, ConnectConfig connect, DatasetPath rootFs, Optional<Duration> interval,
                RecvOptions recv, Pruning pruning, ReplicationOptions replication,
                ConflictResolution conflictResolution) implements JobConfig {
        public Pull {
            Names.checkJobName(name);
            Objects.requireNonNull(connect, "connect");
            Objects.requireNonNull(rootFs, "rootFs");
            if (interval.isPresent() && (interval.get().isZero() || interval.get().isNegative())) {
                throw new IllegalArgumentException("interval must be positive");
            }
            Objects.requireNonNull(recv, "recv");
            Objects.requireNonNull(pruning, "pruning");
            Objects.requireNonNull(replication, "replication");
            Objects.requireNonNull(conflictResolution, "conflictResolution");
        }

        @Override
        public String type() {
            return "pull";
        }
    }

    /** {@code sink}: receives pushes into {@code root_fs/<client identity>/...}. */
    record Sink(String name, ServeConfig serve, DatasetPath rootFs, RecvOptions recv) implements JobConfig {
        public Sink {
            Names.checkJobName(name);
            Objects.requireNonNull(serve, "serve");
            Objects.requireNonNull(rootFs, "rootFs");
            Objects.requireNonNull(recv, "recv");
        }

        @Override
        public String type() {
            return "sink";
        }
    }

    /** {@code source}: snapshots {@code filesystems} and serves them to pull jobs. */
    record Source(String name, ServeConfig serve, FilesystemFilter filesystems, SendOptions send,
                  SnapshottingConfig snapshotting) implements JobConfig {
        public Source {
            Names.checkJobName(name);
            Objects.requireNonNull(serve, "serve");
            Objects.requireNonNull(filesystems, "filesystems");
            Objects.requireNonNull(send, "send");
            Objects.requireNonNull(snapshotting, "snapshotting");
        }

        @Override
        public String type() {
            return "source";
        }
    }

    /** {@code snap}: snapshots and prunes {@code filesystems} locally with {@code pruning.keep}. */
    record Snap(String name, FilesystemFilter filesystems, SnapshottingConfig snapshotting, List<KeepRule> keep)
            implements JobConfig {
        public Snap {
            Names.checkJobName(name);
            Objects.requireNonNull(filesystems, "filesystems");
            Objects.requireNonNull(snapshotting, "snapshotting");
            keep = List.copyOf(keep);
            if (keep.stream().anyMatch(r -> r instanceof KeepRule.NotReplicated)) {
                throw new IllegalArgumentException("not_replicated is not valid in a snap job (it never replicates)");
            }
        }

        @Override
        public String type() {
            return "snap";
        }
    }
}
