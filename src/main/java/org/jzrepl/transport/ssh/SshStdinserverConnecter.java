package org.jzrepl.transport.ssh;

import static org.jzrepl.transport.ssh.SshSessionDialer.remainingNanos;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jzrepl.transport.Connecter;
import org.jzrepl.transport.TransportException;
import org.jzrepl.transport.TransportException.Kind;
import org.jzrepl.transport.stdinserver.StdinserverHandshake;
import org.jzrepl.util.LogText;

/**
 * {@code ssh+stdinserver}: dials with Apache MINA SSHD, opens an exec channel (sshd runs the
 * forced command {@code jzrepl stdinserver IDENTITY}), checks the daemon's banner and returns the
 * channel as a {@link SshWire}.
 *
 * <p>Every {@link #connect()} first takes one of the daemon's dial slots ({@link DialGate}, shared
 * through the {@link SshClientHub}); dial_timeout counts from then, over the session dial if one is
 * needed, the channel open and the banners. A dial that gives up closes its channel on both sides
 * ({@link BatchingExecChannel#abandon()}). Wires share this connecter's SSH sessions
 * ({@link SshSessionPool}). Thread-safe. {@link #close()} closes the sessions, ends this
 * connecter's queued dials and gives its reference to the hub back.
 */
public final class SshStdinserverConnecter implements Connecter {
    public static final int MAX_CHANNELS_PER_SESSION = SshSessionPool.MAX_CHANNELS_PER_SESSION;
    public static final Duration IDLE_SESSION_LINGER = SshSessionPool.IDLE_SESSION_LINGER;

    private final SshConnectSettings settings;
    private final SshClientHub hub;
    private final SshSessionPool sessions;
    private final DialGate.Group dials = new DialGate.Group();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A connecter on the process's shared {@link SshClientHub}. */
    public SshStdinserverConnecter(SshConnectSettings settings) {
        this(SshClientHub.shared(), settings);
    }

    /** A connecter on {@code hub}, which it takes one reference of (given back by {@link #close()}). */
    public SshStdinserverConnecter(SshConnectSettings settings, SshClientHub hub) {
        this(retained(hub), settings);
    }

    private SshStdinserverConnecter(SshClientHub hub, SshConnectSettings settings) {
        this.settings = settings;
        this.hub = hub;
        this.sessions = new SshSessionPool(new SshSessionDialer(settings, hub), hub.timer());
    }

    private static SshClientHub retained(SshClientHub hub) {
        if (!hub.retain()) {
            throw new IllegalStateException("the SSH client hub is closed");
        }
        return hub;
    }

    public SshConnectSettings settings() {
        return settings;
    }

    @Override
    public SshWire connect() throws IOException {
        try (DialGate.Permit permit = hub.gate().enter(dials, settings.where())) {
            long deadline = System.nanoTime() + settings.dialTimeout().toNanos();
            SshSessionPool.Slot slot = sessions.reserve(deadline);
            try {
                return openChannel(slot, deadline);
            } catch (IOException | RuntimeException e) {
                sessions.release(slot);
                throw e;
            }
        }
    }

    private SshWire openChannel(SshSessionPool.Slot slot, long deadline) throws IOException {
        BatchingExecChannel ch = BatchingExecChannel.create(slot.session, settings.command());
        StderrTail stderr = new StderrTail();
        ch.setRedirectErrorStream(false);
        ch.setErr(stderr);
        AtomicBoolean released = new AtomicBoolean();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> watchdog = hub.timer().schedule(() -> {
            timedOut.set(true);
            ch.abandon();
        }, remainingNanos(deadline), TimeUnit.NANOSECONDS);
        SshWire wire = null;
        try {
            ch.open().verify(Duration.ofNanos(Math.max(1, remainingNanos(deadline))));
            wire = new SshWire(ch, settings.where(), stderr, () -> {
                if (released.compareAndSet(false, true)) {
                    sessions.release(slot);
                }
            });
            StdinserverHandshake.clientSide(wire.in(), wire.out(), settings.where());
            return wire;
        } catch (IOException | RuntimeException e) {
            released.set(true);
            if (wire != null && !timedOut.get()) {
                closeQuietly(wire);
            } else {
                ch.abandon();
            }
            throw failure(e, timedOut.get() || remainingNanos(deadline) == 0, stderr);
        } finally {
            watchdog.cancel(false);
        }
    }

    private TransportException failure(Exception e, boolean timedOut, StderrTail stderr) {
        String remoteErr = stderr.text().isEmpty() ? "" : " (remote stderr: " + stderr.text() + ")";
        if (timedOut) {
            return new TransportException(Kind.UNREACHABLE, "no answer from the jzrepl stdinserver at " + settings.where()
                    + " within dial_timeout " + settings.dialTimeout().toSeconds() + "s" + remoteErr, e);
        }
        if (e instanceof TransportException te) {
            // the ERROR banner already carries the forced command's reason; stderr would repeat it
            String extra = te.kind() == Kind.DAEMON_NOT_REACHABLE ? "" : remoteErr;
            return new TransportException(te.kind(), te.getMessage() + extra, te);
        }
        return new TransportException(Kind.UNREACHABLE, "opening an exec channel on " + settings.where()
                + " failed: " + LogText.escape(e.getMessage()) + remoteErr, e);
    }

    private static void closeQuietly(SshWire wire) {
        try {
            wire.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    /** SSH sessions currently open (for tests and status). */
    public int openSessions() {
        return sessions.openSessions();
    }

    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        hub.gate().cancel(dials);
        sessions.close();
        hub.release();
    }
}
