package org.jzrepl.transport.ssh;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.ConnectFuture;

/**
 * What all ssh+stdinserver connecters of a daemon share: one MINA {@link SshClient} (its NIO and
 * timer threads), one timer for dial watchdogs and idle sessions, and the {@link DialGate} that caps
 * the dials running at once. Each connecter keeps its own sessions (keyed by its settings: host,
 * port, user, key, options).
 *
 * <p>Reference-counted: {@link #shared()} hands out the process's hub with one more reference, a
 * connecter gives its reference back with {@link #release()}, and the last release stops the
 * threads; the next {@link #shared()} starts a new hub. Tests build their own with {@link #create}.
 */
public final class SshClientHub {
    /**
     * Dials a daemon runs at once. Each dial starts the remote forced command (a JVM start, ~0.5 s of
     * CPU); 4 keep a 2-core server busy without overrunning a dial_timeout of a few seconds.
     */
    public static final int DEFAULT_MAX_CONCURRENT_DIALS = 4;
    /** How long a dial may queue for a slot before it fails (then the job's retry backs off). */
    public static final Duration DEFAULT_MAX_QUEUE_WAIT = Duration.ofMinutes(5);

    private static SshClientHub shared;

    private final SshClient client;
    private final ScheduledExecutorService timer;
    private final DialGate gate;
    private int refs = 1;

    private SshClientHub(int maxConcurrentDials, Duration maxQueueWait) {
        this.gate = new DialGate(maxConcurrentDials, maxQueueWait);
        ScheduledThreadPoolExecutor exec = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "jzrepl-ssh-timer");
            t.setDaemon(true);
            return t;
        });
        exec.setRemoveOnCancelPolicy(true);
        this.timer = exec;
        this.client = SshClients.createShared();
        client.start();
    }

    /** A hub of its own, with one reference (the caller's). */
    public static SshClientHub create(int maxConcurrentDials, Duration maxQueueWait) {
        return new SshClientHub(maxConcurrentDials, maxQueueWait);
    }

    /** The process's hub with one more reference, started if none is running. */
    public static synchronized SshClientHub shared() {
        if (shared == null || !shared.retain()) {
            shared = new SshClientHub(DEFAULT_MAX_CONCURRENT_DIALS, DEFAULT_MAX_QUEUE_WAIT);
        }
        return shared;
    }

    /** One more reference; false if the hub is already closed. */
    synchronized boolean retain() {
        if (refs == 0) {
            return false;
        }
        refs++;
        return true;
    }

    /** Gives one reference back; the last one stops the client and the timer. */
    public void release() {
        synchronized (this) {
            if (refs == 0 || --refs > 0) {
                return;
            }
        }
        timer.shutdownNow();
        try {
            client.stop();
        } catch (RuntimeException e) {
            // stopping MINA's threads is best effort
        }
    }

    /** References held (for tests). */
    synchronized int references() {
        return refs;
    }

    ConnectFuture connect(SshConnectSettings settings, KnownHostsPolicy hostKeys) throws IOException {
        return client.connect(settings.user(), settings.host(), settings.port(),
                SshClients.context(settings, hostKeys), null);
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    DialGate gate() {
        return gate;
    }
}
