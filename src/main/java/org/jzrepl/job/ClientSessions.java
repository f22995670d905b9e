package org.jzrepl.job;

import java.io.IOException;
import java.util.function.Function;
import org.jzrepl.endpoint.Receiver;
import org.jzrepl.endpoint.Sender;
import org.jzrepl.job.PassiveJob.Mode;
import org.jzrepl.rpc.RpcConnection;
import org.jzrepl.rpc.RpcServer;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.transport.AuthenticatedWire;
import org.jzrepl.transport.Wire;
import org.jzrepl.util.log.LogContext;
import org.jzrepl.zfs.KillSwitch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link PassiveJob}'s accepted wires, each on its own task: one RPC connection whose
 * endpoint is the client identity's {@link Receiver} (sink) or {@link Sender} (source), until the
 * client closes it. The zfs processes of a connection's calls die with the connection. Outcomes
 * are counted in the job's {@link ServingState}.
 *
 * <p>Logs as {@link PassiveJob}: log level settings name that logger.
 */
final class ClientSessions {
    private static final Logger LOG = LoggerFactory.getLogger(PassiveJob.class);

    private final String job;
    private final Mode mode;
    private final Function<String, Object> endpointFor;
    private final RpcSettings rpc;
    private final ServingState state;

    ClientSessions(String job, Mode mode, Function<String, Object> endpointFor, RpcSettings rpc, ServingState state) {
        this.job = job;
        this.mode = mode;
        this.endpointFor = endpointFor;
        this.rpc = rpc;
        this.state = state;
    }

    /** Serves {@code w} on this thread until the connection ends; never throws. */
    void serve(AuthenticatedWire w) {
        try (LogContext.Scope j = LogContext.with(LogContext.JOB, job)) {
            serveInJob(w);
        }
    }

    private void serveInJob(AuthenticatedWire w) {
        String who = w.clientIdentity();
        RpcConnection conn = null;
        // The zfs processes of this connection's calls die with it: a client that gave up on a
        // stalled step closes the connection, and a stopped zfs recv would block this thread for good.
        KillSwitch kill = new KillSwitch("connection of client " + who + " to job " + job);
        Wire wire = w.wire();
        try (KillSwitch.Binding bound = kill.bind()) {
            conn = RpcConnection.open(wire.in(), wire.out(), () -> {
                int killed = kill.trip("the connection ended");
                if (killed > 0) {
                    LOG.warn("job {}: the connection of client {} ended during a call: killed {} zfs process{}",
                            job, who, killed, killed == 1 ? "" : "es");
                }
                wire.close();
            }, rpc);
            if (!state.register(conn)) {
                return;
            }
            LOG.debug("job {}: serving client {}", job, who);
            Object endpoint = endpointFor.apply(who);
            RpcServer.Ending ending = mode == Mode.SINK
                    ? RpcServer.serve(conn, Receiver.class, (Receiver) endpoint)
                    : RpcServer.serve(conn, Sender.class, (Sender) endpoint);
            state.servedOne();
            if (ending == RpcServer.Ending.IDLE_CLOSED) {
                LOG.info("job {}: closed the connection of client {}: no call for {} (serve.idle_connection_timeout)",
                        job, who, rpc.callIdleTimeout());
            } else {
                LOG.debug("job {}: client {} closed its connection", job, who);
            }
        } catch (Throwable e) {
            boolean bug = !(e instanceof IOException);
            boolean stopping = state.failedOne("client " + who + ": " + (bug ? e.toString() : e.getMessage()));
            if (bug) {
                // not the network: a bug, with its stack, even while stopping
                LOG.error("job {}: serving client {} failed unexpectedly: {}", job, who, e, e);
            } else if (!stopping) {
                LOG.warn("job {}: connection of client {} failed: {}", job, who, e.getMessage());
            }
        } finally {
            state.unregister(conn);
            state.closeQuietly(w.wire());
            state.sessionEnded();
        }
    }
}
