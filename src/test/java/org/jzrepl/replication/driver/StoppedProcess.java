package org.jzrepl.replication.driver;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jzrepl.endpoint.EndpointException;
import org.jzrepl.zfs.KillSwitch;

/**
 * A stopped local zfs process in the fakes: the calling thread blocks whatever happens to the
 * session (as a pipe write into a stopped zfs recv, or a wait for a hung zfs send, does) until the
 * {@link KillSwitch} current on that thread kills it, and then fails as a killed zfs command does.
 * Without a switch, or if nobody kills it within {@link #LIMIT_SECONDS}, it fails saying so.
 */
final class StoppedProcess {

    static final int LIMIT_SECONDS = 20;

    private StoppedProcess() {
    }

    /** Blocks until killed; returns the failure the call then throws. {@code what} is recorded in the world. */
    static IOException hang(FakeWorld world, String what) throws IOException {
        CountDownLatch killed = new CountDownLatch(1);
        Optional<KillSwitch> s = KillSwitch.current();
        KillSwitch.Registration r = s.map(k -> k.register(killed::countDown)).orElse(() -> { });
        world.stopped(what);
        try {
            if (!killed.await(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                world.violation(what + " was never killed (" + (s.isPresent() ? "its kill switch did not trip"
                        : "no kill switch on " + Thread.currentThread().getName()) + ")");
                return new IOException(what + " never killed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what);
        } finally {
            r.ended();
        }
        world.killed(what);
        return new EndpointException(EndpointException.ZFS_FAILED, what + ": killed");
    }
}
