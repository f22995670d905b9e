package org.jzrepl.job;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jzrepl.endpoint.Receiver;
import org.jzrepl.endpoint.Sender;
import org.jzrepl.rpc.RpcConnection;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.transport.AuthenticatedListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sink or source job: accepts authenticated wires from its listener and serves each, as a task
 * of its own on the daemon's {@link TaskRunner} ({@code job JOB serve IDENTITY}), as one RPC
 * connection whose endpoint is a {@link Receiver} (sink, confined to {@code root_fs/<identity>})
 * or a {@link Sender} (source).
 *
 * <p>Tasks: one acceptor, one per connection. {@link #close()} closes the listener, aborts the
 * connections in progress and waits for their tasks to end (bounded). Owns the listener. What it
 * holds under its lock is {@link ServingState}'s; {@link AcceptLoop} accepts, {@link ClientSessions}
 * serves each connection.
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

    private final ServingState state;

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
        this.state = new ServingState(name);
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
        state.snapshotting(s);
        return this;
    }

    /** Shows the job's bandwidth limit ({@code recv 4 MiB/s ...}) in its report; call before {@link #start()}. */
    public PassiveJob withBandwidthLimit(String description) {
        state.bandwidthLimit(description);
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
        ClientSessions sessions = new ClientSessions(name, mode, endpointFor, rpc, state);
        AcceptLoop acceptor = new AcceptLoop(name, l, state, runner, sessions::serve);
        if (!state.listen(l, () -> runner.execute("job " + name + " accept", acceptor), runner)) {
            return;
        }
        LOG.info("job {} ({}) listening on {}", name, type(), String.join(", ", listening));
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
        return state.report(type(), listening, warnings);
    }

    @Override
    public void close() {
        ServingState.Closing closing = state.close();
        if (closing == null) {
            return;
        }
        if (closing.listener() != null) {
            state.closeQuietly(closing.listener());
        }
        for (RpcConnection c : closing.connections()) {
            c.abort("job " + name + " is stopping");
        }
        state.awaitTasks(CLOSE_WAIT);
    }
}
