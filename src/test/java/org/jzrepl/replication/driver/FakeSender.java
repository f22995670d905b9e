package org.jzrepl.replication.driver;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
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
import org.jzrepl.endpoint.Messages.ReplicationCursorResponse;
import org.jzrepl.endpoint.Messages.SendCompletedRequest;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.endpoint.Messages.SendResponse;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.rpc.Streamed;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;

/** The sender side of a {@link FakeSession}: checks requests like the real one and streams fake bytes. */
final class FakeSender implements org.jzrepl.endpoint.Sender {

    private final FakeSession session;
    private final FakeWorld world;

    FakeSender(FakeSession session) {
        this.session = session;
        this.world = session.world;
    }

    @Override
    public PingResponse ping(PingRequest request) throws IOException {
        return new PingResponse(request.message());
    }

    @Override
    public ListFilesystemsResponse listFilesystems() throws IOException {
        session.enterSender();
        try {
            IOException refusal = refusal("#listfs");
            if (refusal != null) {
                throw refusal;
            }
            List<FilesystemEntry> out = new ArrayList<>();
            synchronized (world) {
                for (DatasetPath p : world.sender.keySet()) {
                    out.add(new FilesystemEntry(p.name(), null, world.senderPlaceholders.contains(p), false));
                }
            }
            return new ListFilesystemsResponse(out);
        } finally {
            session.exitSender();
        }
    }

    @Override
    public ListVersionsResponse listFilesystemVersions(FilesystemRequest request) throws IOException {
        session.enterSender();
        try {
            IOException refusal = refusal(request.filesystem() + "#list");
            if (refusal != null) {
                throw refusal;
            }
            synchronized (world) {
                return new ListVersionsResponse(world.sender.getOrDefault(request.path(), List.of()).stream()
                        .map(Version::of).toList());
            }
        } finally {
            session.exitSender();
        }
    }

    @Override
    public DestroySnapshotsResponse destroySnapshots(DestroySnapshotsRequest request) throws IOException {
        throw new EndpointException(EndpointException.REFUSED, "the fake sender does not prune");
    }

    @Override
    public Streamed<SendResponse> send(SendRequest request) throws IOException {
        session.enterSender();
        try {
            Checked c = check(request);
            awaitReceiver(request);
            FakeWorld.Fault fault = world.takeFault(request.filesystem() + "@" + c.to.name());
            if (fault instanceof FakeWorld.Fault.Refuse r) {
                throw r.failure();
            }
            if (fault instanceof FakeWorld.Fault.Crash crash) {
                throw crash.error();
            }
            if (fault instanceof FakeWorld.Fault.HungSend) {
                throw StoppedProcess.hang(world, "zfs send " + request.filesystem() + "@" + c.to.name());
            }
            synchronized (world) {
                String resumed = c.offset > 0 ? " resumed at " + c.offset : "";
                world.sends.add(request.filesystem() + "@" + c.to.name() + resumed);
            }
            long length = world.length(request.path(), c.to);
            InputStream stream = new FakeSendStream(session, request.path(), c.to, c.from, c.offset, length, fault);
            if (request.sizeKnown()) {
                world.sendsWithKnownSize.incrementAndGet();
            }
            return new Streamed<>(new SendResponse(request.resumeToken() != null,
                    request.sizeKnown() ? -1 : length - c.offset), stream);
        } finally {
            session.exitSender();
        }
    }

    private void awaitReceiver(SendRequest request) throws IOException {
        java.util.concurrent.CountDownLatch started = world.receiverStarted;
        try {
            if (started != null && !started.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
                world.violation("send of " + request.filesystem() + " answered before the receiver started");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException();
        }
    }

    @Override
    public SendResponse sendDry(SendRequest request) throws IOException {
        session.enterSender();
        try {
            Checked c = check(request);
            FakeWorld.Fault fault = world.takeFault(request.filesystem() + "@" + c.to.name() + "#dry");
            if (fault instanceof FakeWorld.Fault.Refuse r) {
                throw r.failure();
            }
            if (fault instanceof FakeWorld.Fault.HungSend) {
                throw StoppedProcess.hang(world, "zfs send -nvP " + request.filesystem() + "@" + c.to.name());
            }
            world.maxActiveDry.accumulateAndGet(world.activeDry.incrementAndGet(), Math::max);
            try {
                java.util.concurrent.CountDownLatch meet = world.dryRendezvous;
                if (meet != null) {
                    meet.countDown();
                    meet.await(5, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            } finally {
                world.activeDry.decrementAndGet();
            }
            return new SendResponse(request.resumeToken() != null, world.length(request.path(), c.to) - c.offset);
        } finally {
            session.exitSender();
        }
    }

    @Override
    public void sendCompleted(SendCompletedRequest request) throws IOException {
        session.enterSender();
        try {
            synchronized (world) {
                SendRequest r = request.originalRequest();
                world.completed.add(r.filesystem() + "@" + r.to().name());
            }
        } finally {
            session.exitSender();
        }
    }

    @Override
    public ReplicationCursorResponse replicationCursor(FilesystemRequest request) {
        return new ReplicationCursorResponse(null);
    }

    private record Checked(FilesystemVersion to, Optional<Guid> from, long offset) {
    }

    /** Like the real sender: both versions exist with their guids; a token names this step. */
    private Checked check(SendRequest request) throws EndpointException {
        DatasetPath fs = request.path();
        FilesystemVersion to = find(fs, request.to());
        Optional<Guid> from = Optional.empty();
        if (request.from() != null) {
            from = Optional.of(find(fs, request.from()).guid());
        }
        long offset = 0;
        if (request.resumeToken() != null) {
            String[] t = request.resumeToken().split("\\|");
            if (t.length != 6 || !t[0].equals("fake") || !t[1].equals(fs.name()) || !t[3].equals(to.guid().decimal())
                    || !t[4].equals(from.map(Guid::decimal).orElse("-"))) {
                throw new EndpointException(EndpointException.BAD_RESUME_TOKEN, "token does not fit: " + request);
            }
            offset = Long.parseLong(t[5]);
        }
        return new Checked(to, from, offset);
    }

    private FilesystemVersion find(DatasetPath fs, Version v) throws EndpointException {
        synchronized (world) {
            for (FilesystemVersion have : world.sender.getOrDefault(fs, List.of())) {
                if (have.name().equals(v.name()) && have.guid().decimal().equals(v.guid())) {
                    return have;
                }
            }
        }
        throw new EndpointException(EndpointException.VERSION_MISMATCH, fs + ": no version " + v.name());
    }

    private IOException refusal(String key) {
        return world.takeFault(key) instanceof FakeWorld.Fault.Refuse r ? r.failure() : null;
    }
}
