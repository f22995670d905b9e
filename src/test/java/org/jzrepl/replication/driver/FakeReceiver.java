package org.jzrepl.replication.driver;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jzrepl.endpoint.EndpointException;
import org.jzrepl.endpoint.Messages.DestroySnapshotsRequest;
import org.jzrepl.endpoint.Messages.DestroySnapshotsResponse;
import org.jzrepl.endpoint.Messages.FilesystemEntry;
import org.jzrepl.endpoint.Messages.FilesystemRequest;
import org.jzrepl.endpoint.Messages.ListFilesystemsResponse;
import org.jzrepl.endpoint.Messages.ListVersionsResponse;
import org.jzrepl.endpoint.Messages.PingRequest;
import org.jzrepl.endpoint.Messages.PingResponse;
import org.jzrepl.endpoint.Messages.ReceiveRequest;
import org.jzrepl.endpoint.Messages.ResumeTokenInfo;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;

/**
 * The receiver side of a {@link FakeSession}: checks every byte of a stream against the sender's
 * deterministic content, leaves a partial receive with a resume token when the stream breaks, creates
 * placeholder parents, and records a violation when a child arrives before its replicated parent.
 * A receive may stop reading mid-stream as a stopped local zfs recv ({@link FakeWorld#stuckReceive}),
 * leaving a partial receive when it is killed.
 */
final class FakeReceiver implements org.jzrepl.endpoint.Receiver {

    private final FakeSession session;
    private final FakeWorld world;

    FakeReceiver(FakeSession session) {
        this.session = session;
        this.world = session.world;
    }

    @Override
    public PingResponse ping(PingRequest request) {
        return new PingResponse(request.message());
    }

    @Override
    public ListFilesystemsResponse listFilesystems() throws IOException {
        session.enterReceiver();
        try {
            List<FilesystemEntry> out = new ArrayList<>();
            synchronized (world) {
                for (Map.Entry<DatasetPath, FakeWorld.Copy> e : world.receiver.entrySet()) {
                    FakeWorld.Partial p = e.getValue().partial;
                    ResumeTokenInfo token = p == null ? null : new ResumeTokenInfo(p.token(),
                            p.fs().name() + "@" + p.to().name(), p.to().guid().decimal(),
                            p.from().map(Guid::decimal).orElse(null), false, false, false, false);
                    out.add(new FilesystemEntry(e.getKey().name(), token, e.getValue().placeholder, false));
                }
            }
            return new ListFilesystemsResponse(out);
        } finally {
            session.exitReceiver();
        }
    }

    @Override
    public ListVersionsResponse listFilesystemVersions(FilesystemRequest request) throws IOException {
        session.enterReceiver();
        try {
            synchronized (world) {
                FakeWorld.Copy c = world.receiver.get(request.path());
                return new ListVersionsResponse(c == null ? List.of() : c.versions.stream().map(Version::of).toList());
            }
        } finally {
            session.exitReceiver();
        }
    }

    @Override
    public DestroySnapshotsResponse destroySnapshots(DestroySnapshotsRequest request) throws IOException {
        throw new EndpointException(EndpointException.REFUSED, "the fake receiver does not prune");
    }

    @Override
    public void receive(ReceiveRequest request, InputStream stream) throws IOException {
        session.enterReceiver();
        java.util.concurrent.CountDownLatch started = world.receiverStarted;
        if (started != null) {
            started.countDown();
        }
        world.stepStarted();
        try {
            receiveChecked(request, stream);
        } finally {
            world.stepEnded();
            session.exitReceiver();
        }
    }

    private void receiveChecked(ReceiveRequest request, InputStream stream) throws IOException {
        DatasetPath fs = request.path();
        FilesystemVersion to = request.to().toVersion();
        FakeWorld.Partial partial;
        Optional<Guid> from;
        synchronized (world) {
            checkParent(fs);
            FakeWorld.Copy copy = world.receiver.computeIfAbsent(fs, k -> new FakeWorld.Copy());
            if (request.clearResumeToken()) {
                copy.partial = null;
            }
            partial = copy.partial;
            from = partial != null ? partial.from() : newestCommon(fs, copy);
        }
        long position = partial != null && partial.to().guid().equals(to.guid()) ? partial.offset() : 0;
        long length = world.length(fs, to);
        long seed = FakeWorld.seed(fs, to, from);
        byte[] buf = new byte[8192];
        long stuckAt = world.takeStuckReceive(fs.name() + "@" + to.name());
        long read = 0;
        try {
            int n;
            while (true) {
                if (stuckAt >= 0 && read >= stuckAt) {
                    throw StoppedProcess.hang(world, "zfs recv " + fs + "@" + to.name());
                }
                int want = stuckAt >= 0 ? (int) Math.min(buf.length, stuckAt - read) : buf.length;
                if ((n = stream.read(buf, 0, want)) < 0) {
                    break;
                }
                read += n;
                for (int i = 0; i < n; i++) {
                    if (buf[i] != FakeWorld.content(seed, position + i)) {
                        throw new EndpointException(EndpointException.ZFS_FAILED, "invalid stream at byte "
                                + (position + i) + " of " + fs + "@" + to.name());
                    }
                }
                position += n;
            }
        } catch (IOException e) {
            synchronized (world) {
                world.receiver.get(fs).partial = new FakeWorld.Partial(fs, to, from, position);
            }
            throw e;
        }
        if (position != length) {
            throw new EndpointException(EndpointException.ZFS_FAILED, "short stream: " + position + " of " + length);
        }
        synchronized (world) {
            FakeWorld.Copy copy = world.receiver.get(fs);
            copy.partial = null;
            copy.placeholder = false;
            copy.versions.add(to);
            world.receives.add(fs + "@" + to.name());
        }
    }

    /** The stream's incremental source: the sender version the receiver's newest snapshot matches. */
    private Optional<Guid> newestCommon(DatasetPath fs, FakeWorld.Copy copy) {
        if (copy.placeholder || copy.versions.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(copy.versions.get(copy.versions.size() - 1).guid());
    }

    private void checkParent(DatasetPath fs) {
        for (DatasetPath p = fs; !p.isRoot(); ) {
            p = p.parent();
            boolean replicated = world.sender.containsKey(p) && !world.senderPlaceholders.contains(p);
            if (replicated && !world.receiver.containsKey(p)) {
                world.orphans.add(fs + " before " + p);
            }
            world.receiver.computeIfAbsent(p, k -> {
                FakeWorld.Copy c = new FakeWorld.Copy();
                c.placeholder = true;
                return c;
            });
        }
    }
}
