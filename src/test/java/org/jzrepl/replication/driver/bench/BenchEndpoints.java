package org.jzrepl.replication.driver.bench;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import org.jzrepl.endpoint.Messages.ReplicationCursorResponse;
import org.jzrepl.endpoint.Messages.SendCompletedRequest;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.endpoint.Messages.SendResponse;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.endpoint.Receiver;
import org.jzrepl.endpoint.Sender;
import org.jzrepl.replication.driver.EndpointSession;
import org.jzrepl.rpc.Streamed;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.VersionType;

/**
 * Minimal endpoints for the driver benchmark: {@code filesystems} x {@code snapshots} on the sender,
 * the oldest on the receiver (a separate {@link Receiver}); a send streams {@code bytes} zero bytes
 * after sleeping {@code latency} (a round trip plus zfs start-up); a receive reads to the end and
 * records the snapshot. No checks:
 * the benchmark measures the driver, not the fakes. Thread-safe.
 */
final class BenchEndpoints implements Sender {

    private static final byte[] ZEROS = new byte[256 * 1024];

    private final List<String> filesystems = new ArrayList<>();
    private final Map<String, List<Version>> sender = new ConcurrentHashMap<>();
    private final Map<String, List<Version>> receiver = new ConcurrentHashMap<>();
    private final long bytes;
    private final Duration latency;

    BenchEndpoints(int filesystems, int snapshots, long bytes, Duration latency) {
        this.bytes = bytes;
        this.latency = latency;
        long guid = 1;
        for (int f = 0; f < filesystems; f++) {
            String fs = "pool/bench/fs" + f;
            this.filesystems.add(fs);
            List<Version> versions = new ArrayList<>();
            for (int s = 0; s < snapshots; s++) {
                versions.add(Version.of(new FilesystemVersion(VersionType.SNAPSHOT, "s" + s, new Guid(guid++),
                        10 + s, Instant.ofEpochSecond(1_700_000_000L + 60L * s))));
            }
            sender.put(fs, versions);
            receiver.put(fs, new ArrayList<>(List.of(versions.get(0))));
        }
    }

    List<Version> senderVersions(String fs) {
        return sender.get(fs);
    }


    EndpointSession session() {
        return EndpointSession.of(this, receiverSide, () -> { });
    }

    Receiver receiver() {
        return receiverSide;
    }

    private final Receiver receiverSide = new Receiver() {
        @Override
        public PingResponse ping(PingRequest request) {
            return new PingResponse(request.message());
        }

        @Override
        public ListFilesystemsResponse listFilesystems() {
            return BenchEndpoints.this.listFilesystems();
        }

        @Override
        public ListVersionsResponse listFilesystemVersions(FilesystemRequest request) {
            List<Version> v = receiver.get(request.filesystem());
            synchronized (v) {
                return new ListVersionsResponse(List.copyOf(v));
            }
        }

        @Override
        public DestroySnapshotsResponse destroySnapshots(DestroySnapshotsRequest request) throws IOException {
            return BenchEndpoints.this.destroySnapshots(request);
        }

        @Override
        public void receive(ReceiveRequest request, InputStream stream) throws IOException {
            byte[] buf = new byte[64 * 1024];
            while (stream.read(buf, 0, buf.length) >= 0) {
                // discard
            }
            List<Version> v = receiver.get(request.filesystem());
            synchronized (v) {
                v.add(request.to());
            }
        }
    };

    @Override
    public PingResponse ping(PingRequest request) {
        return new PingResponse(request.message());
    }

    @Override
    public ListFilesystemsResponse listFilesystems() {
        return new ListFilesystemsResponse(filesystems.stream().map(f -> new FilesystemEntry(f, null, false, false))
                .toList());
    }

    @Override
    public ListVersionsResponse listFilesystemVersions(FilesystemRequest request) {
        return new ListVersionsResponse(List.copyOf(sender.get(request.filesystem())));
    }

    @Override
    public DestroySnapshotsResponse destroySnapshots(DestroySnapshotsRequest request) throws IOException {
        throw new EndpointException(EndpointException.REFUSED, "benchmark endpoints do not prune");
    }

    @Override
    public Streamed<SendResponse> send(SendRequest request) throws IOException {
        pause();
        return new Streamed<>(new SendResponse(false, bytes), new Zeros(bytes));
    }

    @Override
    public SendResponse sendDry(SendRequest request) {
        return new SendResponse(false, bytes);
    }

    @Override
    public void sendCompleted(SendCompletedRequest request) {
    }

    @Override
    public ReplicationCursorResponse replicationCursor(FilesystemRequest request) {
        return new ReplicationCursorResponse(null);
    }

    private void pause() throws IOException {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException();
        }
    }

    /** {@code n} zero bytes, served from one shared buffer. */
    private static final class Zeros extends InputStream {
        private long left;

        Zeros(long n) {
            left = n;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(Math.min(len, ZEROS.length), left);
            System.arraycopy(ZEROS, 0, b, off, n);
            left -= n;
            return n;
        }
    }
}
