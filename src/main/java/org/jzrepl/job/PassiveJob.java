package org.jzrepl.job;

import org.jzrepl.util.log.LogContext;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jzrepl.endpoint.Receiver;
import org.jzrepl.endpoint.Sender;
import org.jzrepl.rpc.RpcConnection;
import org.jzrepl.rpc.RpcServer;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.transport.AuthenticatedListener;
import org.jzrepl.transport.AuthenticatedWire;
import org.jzrepl.transport.Wire;
import org.jzrepl.zfs.KillSwitch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sink or source job: accepts authenticated wires from its listener and serves each, as a task
 * of its own on the daemon's {@link TaskRunner} ({@code job JOB serve IDENTITY}), as one RPC
 * connection whose endpoint is a {@link Receiver} (sink, confined to {@code root_fs/<identity>})
 * or a {@link Sender} (source).
 *
 * <p>Tasks: one acceptor, one per connection. {@link #close()} closes the listener, aborts the
 * connections in progress and waits for their tasks to end (bounded). Owns the listener.
 */
public final class PassiveJob implements Job {
    private static final Logger LOG = LoggerFactory.getLogger(PassiveJob.class);
    /** How long {@link #close()} waits for the job's tasks after aborting its connections. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    /** Which endpoint the job serves. */
    public enum Mode { SINK, SOURCE }

    /**
     * Where the job is. FAILED: its accept task died of an unexpected error (a bug); it accepts
     * no more connections until the daemon restarts, and the report's {@code failure} says why.
     */
    public enum State { STOPPED, SERVING, FAILED }

    /** Opens the job's listener; called once by {@link #start()}. */
    @FunctionalInterface
    public interface ListenerOpener {
        AuthenticatedListener open() throws IOException;
    }

    private final String name;
    private final Mode mode;
    private final List<String> listening;
    private final ListenerOpener opener;
    private final Function<String, Object> endpointFor;
    private final RpcSettings rpc;
    private final TaskRunner runner;
    private final List<String> warnings;

    private final Object lock = new Object();
    private final List<RpcConnection> active = new ArrayList<>();
    private final Set<String> clients = new LinkedHashSet<>();
    private AuthenticatedListener listener;
    private boolean accepting;
    private int serving;
    private boolean closed;
    private long served;
    private long failed;
    private String lastError;
    private String failure;
    private Snapshotting snapshotting;
    private String bandwidthLimit;

    private PassiveJob(String name, Mode mode, List<String> listening, ListenerOpener opener,
                       Function<String, Object> endpointFor, RpcSettings rpc, TaskRunner runner,
                       List<String> warnings) {
        this.name = Objects.requireNonNull(name, "name");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.listening = List.copyOf(listening);
        this.opener = Objects.requireNonNull(opener, "opener");
        this.endpointFor = Objects.requireNonNull(endpointFor, "endpointFor");
        this.rpc = Objects.requireNonNull(rpc, "rpc");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.warnings = List.copyOf(warnings);
    }

    /** A source job serving {@code sender} to every client. */
    public static PassiveJob source(String name, List<String> listening, ListenerOpener opener, Sender sender,
                                    RpcSettings rpc, TaskRunner runner, List<String> warnings) {
        Objects.requireNonNull(sender, "sender");
        return sourcePerClient(name, listening, opener, identity -> sender, rpc, runner, warnings);
    }

    /**
     * A source job serving, to each client identity, the sender {@code senderFor} gives for it (one
     * whose holds and cursors carry the identity, so clients never release each other's).
     */
    public static PassiveJob sourcePerClient(String name, List<String> listening, ListenerOpener opener,
                                             Function<String, Sender> senderFor, RpcSettings rpc, TaskRunner runner,
                                             List<String> warnings) {
        Objects.requireNonNull(senderFor, "senderFor");
        return new PassiveJob(name, Mode.SOURCE, listening, opener, senderFor::apply, rpc, runner, warnings);
    }

    /** A sink job serving, to each client identity, the receiver {@code receiverFor} gives for it. */
    public static PassiveJob sink(String name, List<String> listening, ListenerOpener opener,
                                  Function<String, Receiver> receiverFor, RpcSettings rpc, TaskRunner runner,
                                  List<String> warnings) {
        Objects.requireNonNull(receiverFor, "receiverFor");
        return new PassiveJob(name, Mode.SINK, listening, opener, receiverFor::apply, rpc, runner, warnings);
    }

    /**
     * A source job's snapshotter, started with the job on its runner; its ticks trigger nothing
     * (the clients pull when they like), as with zrepl. Call before {@link #start()}.
     */
    public PassiveJob withSnapshotting(Snapshotting s) {
        synchronized (lock) {
            this.snapshotting = Objects.requireNonNull(s, "snapshotting");
        }
        return this;
    }

    /** Shows the job's bandwidth limit ({@code recv 4 MiB/s ...}) in its report; call before {@link #start()}. */
    public PassiveJob withBandwidthLimit(String description) {
        synchronized (lock) {
            this.bandwidthLimit = description;
        }
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return mode == Mode.SINK ? "sink" : "source";
    }

    @Override
    public void start() throws JobStartException {
        AuthenticatedListener l;
        try {
            l = opener.open();
        } catch (IOException e) {
            throw new JobStartException(name, "cannot listen on " + String.join(", ", listening) + ": "
                    + e.getMessage(), e);
        }
        synchronized (lock) {
            if (closed) {
                closeQuietly(l);
                return;
            }
            listener = l;
            accepting = true;
            runner.execute("job " + name + " accept", this::acceptLoop);
            if (snapshotting != null) {
                snapshotting.start(runner, () -> { });
            }
        }
        LOG.info("job {} ({}) listening on {}", name, type(), String.join(", ", listening));
    }

    private void acceptLoop() {
        try {
            acceptUntilClosed();
        } catch (Throwable t) {
            String why = "accept task died: " + t + "; the job accepts no more connections until the daemon restarts";
            synchronized (lock) {
                failure = why;
            }
            LOG.error("job {} failed: {}", name, why, t);
        } finally {
            synchronized (lock) {
                accepting = false;
                lock.notifyAll();
            }
        }
    }

    private void acceptUntilClosed() {
        while (true) {
            AuthenticatedWire w;
            try {
                w = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                synchronized (lock) {
                    if (closed) {
                        return;
                    }
                }
                LOG.warn("job {}: accepting a connection failed: {}", name, e.getMessage());
                continue;
            }
            synchronized (lock) {
                if (closed) {
                    closeQuietly(w.wire());
                    return;
                }
                serving++;
                clients.add(w.clientIdentity());
            }
            runner.execute("job " + name + " serve " + w.clientIdentity(), () -> serve(w));
        }
    }

    private void serve(AuthenticatedWire w) {
        try (LogContext.Scope j = LogContext.with(LogContext.JOB, name)) {
            serveInJob(w);
        }
    }

    private void serveInJob(AuthenticatedWire w) {
        String who = w.clientIdentity();
        RpcConnection conn = null;
        // The zfs processes of this connection's calls die with it: a client that gave up on a
        // stalled step closes the connection, and a stopped zfs recv would block this thread for good.
        KillSwitch kill = new KillSwitch("connection of client " + who + " to job " + name);
        Wire wire = w.wire();
        try (KillSwitch.Binding bound = kill.bind()) {
            conn = RpcConnection.open(wire.in(), wire.out(), () -> {
                int killed = kill.trip("the connection ended");
                if (killed > 0) {
                    LOG.warn("job {}: the connection of client {} ended during a call: killed {} zfs process{}",
                            name, who, killed, killed == 1 ? "" : "es");
                }
                wire.close();
            }, rpc);
            synchronized (lock) {
                if (closed) {
                    conn.abort("job " + name + " is stopping");
                    return;
                }
                active.add(conn);
            }
            LOG.debug("job {}: serving client {}", name, who);
            Object endpoint = endpointFor.apply(who);
            RpcServer.Ending ending = mode == Mode.SINK
                    ? RpcServer.serve(conn, Receiver.class, (Receiver) endpoint)
                    : RpcServer.serve(conn, Sender.class, (Sender) endpoint);
            synchronized (lock) {
                served++;
            }
            if (ending == RpcServer.Ending.IDLE_CLOSED) {
                LOG.info("job {}: closed the connection of client {}: no call for {} (serve.idle_connection_timeout)",
                        name, who, rpc.callIdleTimeout());
            } else {
                LOG.debug("job {}: client {} closed its connection", name, who);
            }
        } catch (Throwable e) {
            boolean stopping;
            boolean bug = !(e instanceof IOException);
            synchronized (lock) {
                stopping = closed;
                if (!stopping) {
                    failed++;
                    lastError = "client " + who + ": " + (bug ? e.toString() : e.getMessage());
                }
            }
            if (bug) {
                // not the network: a bug, with its stack, even while stopping
                LOG.error("job {}: serving client {} failed unexpectedly: {}", name, who, e, e);
            } else if (!stopping) {
                LOG.warn("job {}: connection of client {} failed: {}", name, who, e.getMessage());
            }
        } finally {
            synchronized (lock) {
                active.remove(conn);
            }
            closeQuietly(w.wire());
            synchronized (lock) {
                serving--;
                lock.notifyAll();
            }
        }
    }

    /** Passive jobs only serve: there is no run to start. */
    @Override
    public void wakeup() throws UnsupportedSignalException {
        throw new UnsupportedSignalException(name, type(), "wakeup");
    }

    /** Passive jobs only serve: there is no run to abort. */
    @Override
    public void reset() throws UnsupportedSignalException {
        throw new UnsupportedSignalException(name, type(), "reset");
    }

    @Override
    public JobReport report() {
        synchronized (lock) {
            State state = failure != null ? State.FAILED : listener != null && !closed ? State.SERVING : State.STOPPED;
            return new JobReport.Passive(name, type(), state, listening, active.size(), served, failed,
                    listener == null ? 0 : listener.refusedConnections(), lastError, failure,
                    List.copyOf(clients), warnings, snapshotting == null ? null : snapshotting.report(), bandwidthLimit);
        }
    }

    @Override
    public void close() {
        AuthenticatedListener l;
        List<RpcConnection> conns;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (snapshotting != null) {
                snapshotting.close();
            }
            l = listener;
            conns = List.copyOf(active);
        }
        if (l != null) {
            closeQuietly(l);
        }
        for (RpcConnection c : conns) {
            c.abort("job " + name + " is stopping");
        }
        awaitTasks();
    }

    /** Waits, at most {@link #CLOSE_WAIT}, for the acceptor and the connections' tasks to end. */
    private void awaitTasks() {
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        synchronized (lock) {
            while (accepting || serving > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("job {}: {} connection(s) still being served {} after close", name, serving, CLOSE_WAIT);
                    return;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("job {}: close failed: {}", name, e.toString());
        }
    }
}
