package org.jzrepl.job;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jzrepl.job.PassiveJob.State;
import org.jzrepl.rpc.RpcConnection;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.transport.AuthenticatedListener;
import org.jzrepl.transport.AuthenticatedWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link PassiveJob} holds under its one lock (this object's monitor): its listener and
 * snapshotter, the connections being served, the clients seen, the counters of its report, and
 * whether it is closed. Its acceptor and connection tasks ({@link AcceptLoop}, {@link
 * ClientSessions}) report here; {@link #awaitTasks} waits for them to end.
 *
 * <p>Logs as {@link PassiveJob}: log level settings name that logger.
 */
final class ServingState {
    private static final Logger LOG = LoggerFactory.getLogger(PassiveJob.class);

    private final String job;
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

    ServingState(String job) {
        this.job = Objects.requireNonNull(job, "job");
    }

    /** What {@link #close()} found to stop: the listener (null if none) and the connections in progress. */
    record Closing(AuthenticatedListener listener, List<RpcConnection> connections) { }

    synchronized void snapshotting(Snapshotting s) {
        this.snapshotting = Objects.requireNonNull(s, "snapshotting");
    }

    synchronized void bandwidthLimit(String description) {
        this.bandwidthLimit = description;
    }

    /**
     * Serves on {@code l}: starts the acceptor and the snapshotter. False, with {@code l} closed,
     * if the job was closed first.
     */
    synchronized boolean listen(AuthenticatedListener l, Runnable startAcceptor, TaskRunner runner) {
        if (closed) {
            closeQuietly(l);
            return false;
        }
        listener = l;
        accepting = true;
        startAcceptor.run();
        if (snapshotting != null) {
            snapshotting.start(runner, () -> { });
        }
        return true;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** The acceptor died of {@code why} (a bug): the job accepts no more. */
    synchronized void acceptorFailed(String why) {
        failure = why;
    }

    synchronized void acceptorEnded() {
        accepting = false;
        notifyAll();
    }

    /** Counts an accepted wire as being served; false, with the wire closed, if the job is closed. */
    synchronized boolean admit(AuthenticatedWire w) {
        if (closed) {
            closeQuietly(w.wire());
            return false;
        }
        serving++;
        clients.add(w.clientIdentity());
        return true;
    }

    /** Adds an open connection, for close to abort; false, with it aborted, if the job is closed. */
    synchronized boolean register(RpcConnection conn) {
        if (closed) {
            conn.abort("job " + job + " is stopping");
            return false;
        }
        active.add(conn);
        return true;
    }

    synchronized void servedOne() {
        served++;
    }

    /** Counts a failed connection unless the job is stopping; returns whether it is. */
    synchronized boolean failedOne(String error) {
        if (closed) {
            return true;
        }
        failed++;
        lastError = error;
        return false;
    }

    synchronized void unregister(RpcConnection conn) {
        active.remove(conn);
    }

    /** A connection's task is done with its wire. */
    synchronized void sessionEnded() {
        serving--;
        notifyAll();
    }

    synchronized JobReport.Passive report(String type, List<String> listening, List<String> warnings) {
        State state = failure != null ? State.FAILED : listener != null && !closed ? State.SERVING : State.STOPPED;
        return new JobReport.Passive(job, type, state, listening, active.size(), served, failed,
                listener == null ? 0 : listener.refusedConnections(), lastError, failure,
                List.copyOf(clients), warnings, snapshotting == null ? null : snapshotting.report(), bandwidthLimit);
    }

    /** Closes the job (and its snapshotter); null if it was closed already. */
    synchronized Closing close() {
        if (closed) {
            return null;
        }
        closed = true;
        if (snapshotting != null) {
            snapshotting.close();
        }
        return new Closing(listener, List.copyOf(active));
    }

    /** Waits, at most {@code limit}, for the acceptor and the connections' tasks to end. */
    synchronized void awaitTasks(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (accepting || serving > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.warn("job {}: {} connection(s) still being served {} after close", job, serving, limit);
                return;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("job {}: close failed: {}", job, e.toString());
        }
    }
}
