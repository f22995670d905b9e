package org.jzrepl.job;

import org.jzrepl.util.log.LogContext;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
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
import org.jzrepl.transport.AuthenticatedListener;
import org.jzrepl.transport.AuthenticatedWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sink or source job: accepts authenticated wires from its listener and serves each, on a thread
 * of its own ({@code jzrepl-serve-JOB-IDENTITY}), as one RPC connection whose endpoint is a
 * {@link Receiver} (sink, confined to {@code root_fs/<identity>}) or a {@link Sender} (source).
 *
 * <p>Threads: one acceptor, one per connection. {@link #close()} closes the listener, aborts the
 * connections in progress and waits for their threads (bounded). Owns the listener.
 */
public final class PassiveJob implements Job {
    private static final Logger LOG = LoggerFactory.getLogger(PassiveJob.class);

    /** Which endpoint the job serves. */
    public enum Mode { SINK, SOURCE }

    /**
     * Where the job is. FAILED: its accept thread died of an unexpected error (a bug); it accepts
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
    private final List<String> warnings;

    private final Object lock = new Object();
    private final List<RpcConnection> active = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private final Set<String> clients = new LinkedHashSet<>();
    private AuthenticatedListener listener;
    private Thread acceptor;
    private boolean closed;
    private long served;
    private long failed;
    private String lastError;
    private String failure;
    private Snapshotting snapshotting;
    private org.jzrepl.runtime.TaskRunner runner;

    private PassiveJob(String name, Mode mode, List<String> listening, ListenerOpener opener,
                       Function<String, Object> endpointFor, RpcSettings rpc, List<String> warnings) {
        this.name = Objects.requireNonNull(name, "name");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.listening = List.copyOf(listening);
        this.opener = Objects.requireNonNull(opener, "opener");
        this.endpointFor = Objects.requireNonNull(endpointFor, "endpointFor");
        this.rpc = Objects.requireNonNull(rpc, "rpc");
        this.warnings = List.copyOf(warnings);
    }

    /** A source job serving {@code sender} to every client. */
    public static PassiveJob source(String name, List<String> listening, ListenerOpener opener, Sender sender,
                                    RpcSettings rpc, List<String> warnings) {
        Objects.requireNonNull(sender, "sender");
        return new PassiveJob(name, Mode.SOURCE, listening, opener, identity -> sender, rpc, warnings);
    }

    /** A sink job serving, to each client identity, the receiver {@code receiverFor} gives for it. */
    public static PassiveJob sink(String name, List<String> listening, ListenerOpener opener,
                                  Function<String, Receiver> receiverFor, RpcSettings rpc, List<String> warnings) {
        Objects.requireNonNull(receiverFor, "receiverFor");
        return new PassiveJob(name, Mode.SINK, listening, opener, receiverFor::apply, rpc, warnings);
    }

    /**
     * A source job's snapshotter, started with the job on {@code runner}; its ticks trigger nothing
     * (the clients pull when they like), as with zrepl. Call before {@link #start()}.
     */
    public PassiveJob withSnapshotting(Snapshotting s, org.jzrepl.runtime.TaskRunner r) {
        synchronized (lock) {
            this.snapshotting = Objects.requireNonNull(s, "snapshotting");
            this.runner = Objects.requireNonNull(r, "runner");
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
            acceptor = new Thread(this::acceptLoop, "jzrepl-accept-" + name);
            acceptor.setDaemon(true);
            acceptor.start();
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
            String why = "accept thread died: " + t + "; the job accepts no more connections until the daemon restarts";
            synchronized (lock) {
                failure = why;
            }
            LOG.error("job {} failed: {}", name, why, t);
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
            Thread t = new Thread(() -> serve(w), "jzrepl-serve-" + name + "-" + w.clientIdentity());
            t.setDaemon(true);
            synchronized (lock) {
                if (closed) {
                    closeQuietly(w.wire());
                    return;
                }
                workers.removeIf(x -> !x.isAlive());
                workers.add(t);
                clients.add(w.clientIdentity());
            }
            t.start();
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
        try {
            conn = RpcConnection.open(w.wire(), rpc);
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
                    List.copyOf(clients), warnings, snapshotting == null ? null : snapshotting.report());
        }
    }

    @Override
    public void close() {
        AuthenticatedListener l;
        List<RpcConnection> conns;
        List<Thread> threads;
        Thread acc;
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
            threads = List.copyOf(workers);
            acc = acceptor;
        }
        if (l != null) {
            closeQuietly(l);
        }
        for (RpcConnection c : conns) {
            c.abort("job " + name + " is stopping");
        }
        try {
            if (acc != null) {
                acc.join(5_000);
            }
            for (Thread t : threads) {
                t.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
