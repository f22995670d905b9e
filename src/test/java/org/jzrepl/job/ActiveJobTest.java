package org.jzrepl.job;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jzrepl.config.InitialReplication;
import org.jzrepl.config.ReplicationOptions;
import org.jzrepl.endpoint.Messages.DestroySnapshotsRequest;
import org.jzrepl.endpoint.Messages.DestroySnapshotsResponse;
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
import org.jzrepl.endpoint.Receiver;
import org.jzrepl.endpoint.Sender;
import org.jzrepl.replication.driver.DriverSettings;
import org.jzrepl.replication.report.AttemptState;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.rpc.Streamed;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.transport.local.LocalSwitchboard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The active job's loop over the local transport against a source job serving a scripted sender
 * (no filesystems, or a listing that blocks): runs on wakeup, at start with an interval, reset
 * cancels a run, close stops the loop.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ActiveJobTest {
    private final LocalSwitchboard switchboard = new LocalSwitchboard();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile CountDownLatch listing = null;
    private RunObserver observer = RunObserver.NONE;
    private PassiveJob source;
    private ActiveJob pull;

    @AfterEach
    void stop() {
        release.countDown();
        if (pull != null) {
            pull.close();
        }
        if (source != null) {
            source.close();
        }
    }

    private void start(Optional<Duration> interval) throws Exception {
        source = PassiveJob.source("src", List.of("local l"), () -> switchboard.listen("l"), new ScriptedSender(),
                RpcSettings.defaults(Runners.shared()), Runners.shared(), List.of());
        source.start();
        DriverSettings settings = DriverSettings.fromConfig(ReplicationOptions.DEFAULT, InitialReplication.MOST_RECENT)
                .withRetries(1, Duration.ZERO);
        pull = ActiveJob.pull("pull", interval, switchboard.connecter("l", "me", Duration.ofSeconds(2)),
                RpcSettings.defaults(Runners.shared()), new EmptyReceiver(), settings, KeepRules.NONE,
                Runners.shared(), List.of()).observedBy(observer);
        pull.start();
    }

    private JobReport.Active report() {
        return (JobReport.Active) pull.report();
    }

    @Test
    void manualJobRunsOnlyOnWakeup() throws Exception {
        start(Optional.empty());
        Thread.sleep(300);
        assertEquals(0, report().runs(), "no run without a wakeup");
        pull.wakeup();
        assertTrue(pull.awaitRuns(1, Duration.ofSeconds(30)));
        assertEquals(AttemptState.DONE, report().last().state(), report().toString());
        assertEquals(ActiveJob.State.WAITING, report().state());
        assertEquals(List.of("me"), ((JobReport.Passive) source.report()).clients(),
                "the source served the run's connection");
    }

    @Test
    void intervalJobRunsAtStartAndSchedulesTheNext() throws Exception {
        start(Optional.of(Duration.ofHours(1)));
        assertTrue(pull.awaitRuns(1, Duration.ofSeconds(30)));
        JobReport.Active r = report();
        assertEquals("PT1H", r.interval());
        assertTrue(r.nextRunAt() != null, r.toString());
    }

    @Test
    void resetCancelsTheRunningReplication() throws Exception {
        listing = new CountDownLatch(1);
        start(Optional.empty());
        pull.wakeup();
        assertTrue(listing.await(20, TimeUnit.SECONDS), "the run reached the sender");
        assertEquals(ActiveJob.State.RUNNING, report().state());
        assertTrue(report().current() != null, "a running job reports its current attempt");

        pull.reset();

        assertTrue(pull.awaitRuns(1, Duration.ofSeconds(30)), "the run ended after reset");
        assertEquals(AttemptState.CANCELLED, report().last().state(), report().toString());
    }

    @Test
    void theObserverHasTheRunBeforeAWaiterDoes() throws Exception {
        List<Long> seen = new CopyOnWriteArrayList<>();
        observer = run -> {
            try {
                Thread.sleep(300); // a slow metrics update; a waiter must still not see the run first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.add(run.number());
        };
        start(Optional.empty());
        pull.wakeup();
        assertTrue(pull.awaitRuns(1, Duration.ofSeconds(30)));
        assertEquals(List.of(1L), seen, "the metrics count the run once anyone knows it ended");
        pull.wakeup();
        assertTrue(pull.awaitRuns(2, Duration.ofSeconds(30)));
        assertEquals(List.of(1L, 2L), seen);
        assertEquals(2, report().runs());
    }

    @Test
    void closeStopsTheLoop() throws Exception {
        start(Optional.empty());
        pull.close();
        assertEquals(ActiveJob.State.STOPPED, report().state());
    }

    /** A sender without filesystems; its listing blocks while {@code listing} is set. */
    private final class ScriptedSender implements Sender {
        @Override
        public ListFilesystemsResponse listFilesystems() throws IOException {
            CountDownLatch l = listing;
            if (l != null) {
                l.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new ListFilesystemsResponse(List.of());
        }

        @Override
        public PingResponse ping(PingRequest request) {
            return new PingResponse(request.message());
        }

        @Override
        public ListVersionsResponse listFilesystemVersions(FilesystemRequest request) {
            return new ListVersionsResponse(List.of());
        }

        @Override
        public DestroySnapshotsResponse destroySnapshots(DestroySnapshotsRequest request) {
            return new DestroySnapshotsResponse(List.of());
        }

        @Override
        public Streamed<SendResponse> send(SendRequest request) throws IOException {
            throw new IOException("no filesystems to send");
        }

        @Override
        public SendResponse sendDry(SendRequest request) throws IOException {
            throw new IOException("no filesystems to send");
        }

        @Override
        public void sendCompleted(SendCompletedRequest request) {
        }

        @Override
        public ReplicationCursorResponse replicationCursor(FilesystemRequest request) {
            return new ReplicationCursorResponse(null);
        }
    }

    /** A receiver holding nothing. */
    private static final class EmptyReceiver implements Receiver {
        @Override
        public PingResponse ping(PingRequest request) {
            return new PingResponse(request.message());
        }

        @Override
        public ListFilesystemsResponse listFilesystems() {
            return new ListFilesystemsResponse(List.of());
        }

        @Override
        public ListVersionsResponse listFilesystemVersions(FilesystemRequest request) {
            return new ListVersionsResponse(List.of());
        }

        @Override
        public DestroySnapshotsResponse destroySnapshots(DestroySnapshotsRequest request) {
            return new DestroySnapshotsResponse(List.of());
        }

        @Override
        public void receive(ReceiveRequest request, InputStream stream) throws IOException {
            throw new IOException("nothing to receive");
        }
    }
}
