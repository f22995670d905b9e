package org.jzrepl.job;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jzrepl.config.InitialReplication;
import org.jzrepl.config.ReplicationOptions;
import org.jzrepl.replication.driver.DriverSettings;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.testing.StderrCapture;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.transport.AuthenticatedListener;
import org.jzrepl.transport.AuthenticatedWire;
import org.jzrepl.transport.local.LocalSwitchboard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job thread that dies of an Error (a bug, not a replication or connection failure) marks its
 * job failed in the report and logs the error; it never vanishes silently.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JobThreadFailureTest {

    @Test
    void activeJobWhoseRunThrowsAnErrorReportsFailedAndLogsIt() throws Exception {
        DriverSettings settings = DriverSettings.fromConfig(ReplicationOptions.DEFAULT, InitialReplication.MOST_RECENT)
                .withRetries(1, Duration.ZERO);
        ActiveJob job = ActiveJob.of("pull-bug", ActiveJob.Mode.PULL, Optional.empty(), () -> {
            throw new IOException("never dialled");
        }, () -> {
            throw new AssertionError("bug in the connector");
        }, settings, Runners.shared(), List.of());
        try (StderrCapture log = new StderrCapture()) {
            job.start();
            job.wakeup();
            awaitTrue(() -> ((JobReport.Active) job.report()).state() == ActiveJob.State.FAILED);
            JobReport.Active r = (JobReport.Active) job.report();
            assertNotNull(r.lastError(), r.toString());
            assertTrue(r.lastError().contains("bug in the connector"), r.lastError());
            awaitTrue(() -> log.text().contains("job pull-bug failed"));
            assertTrue(log.text().contains("java.lang.AssertionError: bug in the connector"), log.text());
        } finally {
            job.close();
        }
        assertEquals(ActiveJob.State.FAILED, ((JobReport.Active) job.report()).state(), "close keeps the failure visible");
    }

    @Test
    void passiveJobWhoseAcceptThreadDiesReportsFailedAndLogsIt() throws Exception {
        AuthenticatedListener broken = new AuthenticatedListener() {
            @Override
            public AuthenticatedWire accept() {
                throw new StackOverflowError("deep bug in accept");
            }

            @Override
            public void close() {
            }
        };
        PassiveJob job = PassiveJob.source("src-bug", List.of("test"), () -> broken, noSender(),
                RpcSettings.defaults(Runners.shared()), Runners.shared(), List.of());
        try (StderrCapture log = new StderrCapture()) {
            job.start();
            awaitTrue(() -> ((JobReport.Passive) job.report()).state() == PassiveJob.State.FAILED);
            JobReport.Passive r = (JobReport.Passive) job.report();
            assertTrue(r.failure().contains("deep bug in accept"), r.toString());
            awaitTrue(() -> log.text().contains("job src-bug failed"));
            assertTrue(log.text().contains("StackOverflowError: deep bug in accept"), log.text());
        } finally {
            job.close();
        }
    }

    @Test
    void passiveJobCountsAndLogsAConnectionWhoseServingThrowsAnError() throws Exception {
        LocalSwitchboard board = new LocalSwitchboard();
        PassiveJob job = PassiveJob.sink("sink-bug", List.of("local l"), () -> board.listen("l"), identity -> {
            throw new LinkageError("receiver for " + identity + " could not be built");
        }, RpcSettings.defaults(Runners.shared()), Runners.shared(), List.of());
        try (StderrCapture log = new StderrCapture()) {
            job.start();
            assertEquals(PassiveJob.State.SERVING, ((JobReport.Passive) job.report()).state());
            org.jzrepl.rpc.RpcConnection client = org.jzrepl.rpc.RpcConnection.open(
                    board.connecter("l", "laptop", Duration.ofSeconds(5)).connect(), RpcSettings.defaults(Runners.shared()));
            awaitTrue(() -> ((JobReport.Passive) job.report()).failed() == 1);
            JobReport.Passive r = (JobReport.Passive) job.report();
            assertTrue(r.lastError().contains("receiver for laptop could not be built"), r.toString());
            assertEquals(PassiveJob.State.SERVING, r.state(), "one bad connection does not fail the job");
            awaitTrue(() -> log.text().contains("serving client laptop failed unexpectedly"));
            assertTrue(log.text().contains("java.lang.LinkageError: receiver for laptop"), log.text());
            client.abort("test done");
        } finally {
            job.close();
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(20);
        }
    }

    /** A sender that is never called: the test fails before any call. */
    private static org.jzrepl.endpoint.Sender noSender() {
        return (org.jzrepl.endpoint.Sender) java.lang.reflect.Proxy.newProxyInstance(
                JobThreadFailureTest.class.getClassLoader(), new Class<?>[] {org.jzrepl.endpoint.Sender.class},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
