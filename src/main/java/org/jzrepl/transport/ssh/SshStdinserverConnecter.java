package org.jzrepl.transport.ssh;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
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
 * <p>Wires share SSH sessions: up to {@value #MAX_CHANNELS_PER_SESSION} channels per session
 * (OpenSSH's MaxSessions defaults to 10), more sessions beyond that. A session without channels
 * is closed after {@link #IDLE_SESSION_LINGER}. Thread-safe; new sessions are dialed one at a
 * time, channels are opened concurrently. {@link #close()} closes all sessions and stops the client's threads.
 */
public final class SshStdinserverConnecter implements Connecter {
    public static final int MAX_CHANNELS_PER_SESSION = 8;
    public static final Duration IDLE_SESSION_LINGER = Duration.ofSeconds(60);

    private final SshConnectSettings settings;
    private final SshClient client;
    private final ScheduledExecutorService timer;
    private final List<Slot> slots = new ArrayList<>();
    private final Object dialLock = new Object();
    private boolean closed;

    /** One SSH session and the number of wires using it. Guarded by the connecter. */
    private static final class Slot {
        final ClientSession session;
        int channels;
        ScheduledFuture<?> linger;

        Slot(ClientSession session) {
            this.session = session;
        }
    }

    public SshStdinserverConnecter(SshConnectSettings settings) {
        this.settings = settings;
        ScheduledThreadPoolExecutor exec = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "jzrepl-ssh-timer-" + settings.host());
            t.setDaemon(true);
            return t;
        });
        exec.setRemoveOnCancelPolicy(true);
        this.timer = exec;
        this.client = SshClients.create(settings);
        client.start();
    }

    public SshConnectSettings settings() {
        return settings;
    }

    @Override
    public SshWire connect() throws IOException {
        long deadline = System.nanoTime() + settings.dialTimeout().toNanos();
        Slot slot = reserve(deadline);
        try {
            return openChannel(slot, deadline);
        } catch (IOException | RuntimeException e) {
            release(slot);
            throw e;
        }
    }

    private SshWire openChannel(Slot slot, long deadline) throws IOException {
        ChannelExec ch = BatchingExecChannel.create(slot.session, settings.command());
        StderrTail stderr = new StderrTail();
        ch.setRedirectErrorStream(false);
        ch.setErr(stderr);
        AtomicBoolean released = new AtomicBoolean();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> watchdog = timer.schedule(() -> {
            timedOut.set(true);
            ch.close(true);
        }, remainingNanos(deadline), TimeUnit.NANOSECONDS);
        SshWire wire = null;
        try {
            ch.open().verify(Duration.ofNanos(Math.max(1, remainingNanos(deadline))));
            wire = new SshWire(ch, settings.where(), stderr, () -> {
                if (released.compareAndSet(false, true)) {
                    release(slot);
                }
            });
            StdinserverHandshake.clientSide(wire.in(), wire.out(), settings.where());
            return wire;
        } catch (IOException | RuntimeException e) {
            released.set(true);
            if (wire != null) {
                closeQuietly(wire);
            } else {
                ch.close(true);
            }
            String remoteErr = stderr.text().isEmpty() ? "" : " (remote stderr: " + stderr.text() + ")";
            if (timedOut.get()) {
                throw new TransportException(Kind.UNREACHABLE, "no answer from the jzrepl stdinserver at " + settings.where()
                        + " within dial_timeout " + settings.dialTimeout().toSeconds() + "s" + remoteErr, e);
            }
            if (e instanceof TransportException te) {
                // the ERROR banner already carries the forced command's reason; stderr would repeat it
                String extra = te.kind() == Kind.DAEMON_NOT_REACHABLE ? "" : remoteErr;
                throw new TransportException(te.kind(), te.getMessage() + extra, te);
            }
            throw new TransportException(Kind.UNREACHABLE, "opening an exec channel on " + settings.where()
                    + " failed: " + LogText.escape(e.getMessage()) + remoteErr, e);
        } finally {
            watchdog.cancel(false);
        }
    }

    /**
     * A channel slot on an open session, dialing a new session if all are full. Dials are
     * serialised by {@link #dialLock} (concurrent first connects share one new session) and run
     * outside the state lock, so closing wires never waits for a dial.
     */
    private Slot reserve(long deadline) throws IOException {
        Slot slot = tryReserve();
        if (slot != null) {
            return slot;
        }
        synchronized (dialLock) {
            slot = tryReserve();
            if (slot != null) {
                return slot;
            }
            ClientSession session = dial(deadline);
            synchronized (this) {
                if (closed) {
                    session.close(true);
                    throw new ClosedChannelException();
                }
                slot = new Slot(session);
                slot.channels = 1;
                slots.add(slot);
                return slot;
            }
        }
    }

    private synchronized Slot tryReserve() throws ClosedChannelException {
        if (closed) {
            throw new ClosedChannelException();
        }
        slots.removeIf(s -> !s.session.isOpen() || s.session.isClosing());
        for (Slot s : slots) {
            if (s.channels < MAX_CHANNELS_PER_SESSION) {
                s.channels++;
                if (s.linger != null) {
                    s.linger.cancel(false);
                    s.linger = null;
                }
                return s;
            }
        }
        return null;
    }

    private synchronized void release(Slot slot) {
        slot.channels--;
        if (slot.channels == 0 && !closed) {
            slot.linger = timer.schedule(() -> closeIfIdle(slot), IDLE_SESSION_LINGER.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void closeIfIdle(Slot slot) {
        if (slot.channels == 0) {
            slots.remove(slot);
            slot.session.close(false);
        }
    }

    private ClientSession dial(long deadline) throws IOException {
        KeyPair key = SshClients.loadIdentity(settings);
        ClientSession session = null;
        try {
            ConnectFuture cf = client.connect(settings.user(), settings.host(), settings.port());
            if (!cf.await(remainingNanos(deadline), TimeUnit.NANOSECONDS)) {
                cf.cancel();
                throw new TransportException(Kind.UNREACHABLE, "no TCP connection to " + settings.host() + ":" + settings.port()
                        + " within dial_timeout " + settings.dialTimeout().toSeconds() + "s");
            }
            session = cf.verify(Duration.ofMillis(1)).getSession();
            session.addPublicKeyIdentity(key);
            session.auth().verify(Duration.ofNanos(Math.max(1, remainingNanos(deadline))));
            return session;
        } catch (IOException | RuntimeException e) {
            IOException mapped = mapDialFailure(e, session, key);
            if (session != null) {
                session.close(true);
            }
            throw mapped;
        }
    }

    private IOException mapDialFailure(Exception e, ClientSession session, KeyPair key) {
        if (e instanceof TransportException te) {
            return te;
        }
        String hostKeyProblem = KnownHostsPolicy.rejection(session);
        if (hostKeyProblem != null) {
            return new TransportException(Kind.HOST_KEY_REJECTED, hostKeyProblem, e);
        }
        // MINA's messages can quote the server (its version line, a DISCONNECT description)
        String msg = LogText.escape(e.getMessage());
        if (session == null || rootCause(e) instanceof ConnectException) {
            return new TransportException(Kind.UNREACHABLE, "cannot connect to " + settings.host() + ":" + settings.port()
                    + ": " + LogText.escape(rootCause(e).getMessage()), e);
        }
        if (msg.contains("No more authentication methods")) {
            return new TransportException(Kind.AUTHENTICATION_FAILED, "the server " + settings.where() + " did not accept the key "
                    + KeyUtils.getFingerPrint(key.getPublic()) + " from " + settings.identityFile()
                    + ": put its public key with command=\"jzrepl stdinserver IDENTITY\",restrict into the authorized_keys of "
                    + settings.user(), e);
        }
        if (msg.toLowerCase().contains("timeout") || msg.toLowerCase().contains("timed out")) {
            return new TransportException(Kind.UNREACHABLE, "SSH handshake with " + settings.where() + " did not finish within"
                    + " dial_timeout " + settings.dialTimeout().toSeconds() + "s", e);
        }
        return new TransportException(Kind.UNREACHABLE, "SSH connection to " + settings.where() + " failed: " + msg, e);
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static long remainingNanos(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static void closeQuietly(SshWire wire) {
        try {
            wire.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    /** SSH sessions currently open (for tests and status). */
    public synchronized int openSessions() {
        slots.removeIf(s -> !s.session.isOpen());
        return slots.size();
    }

    @Override
    public void close() throws IOException {
        List<Slot> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(slots);
            slots.clear();
        }
        for (Slot s : toClose) {
            s.session.close(true);
        }
        timer.shutdownNow();
        client.stop();
    }
}
