package org.jzrepl.job;

import java.io.IOException;
import java.util.Objects;
import org.jzrepl.endpoint.Receiver;
import org.jzrepl.endpoint.Sender;
import org.jzrepl.replication.driver.EndpointConnector;
import org.jzrepl.replication.driver.EndpointSession;
import org.jzrepl.rpc.RpcClient;
import org.jzrepl.rpc.RpcConnection;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.transport.Connecter;
import org.jzrepl.transport.Wire;

/**
 * Sessions of an active job: each dials a new wire through the job's transport, opens an RPC
 * connection on it and pairs the remote endpoint (a proxy) with the job's local one. Pull: the
 * sender is remote; push: the receiver is. Thread-safe: the local endpoint is shared, each session
 * has its own connection. Closing a session closes its connection (aborting a call in progress).
 */
final class RemoteConnector implements EndpointConnector {
    private final Connecter connecter;
    private final RpcSettings rpc;
    private final ActiveJob.Mode mode;
    private final Sender localSender;
    private final Receiver localReceiver;

    private RemoteConnector(Connecter connecter, RpcSettings rpc, ActiveJob.Mode mode, Sender localSender,
                            Receiver localReceiver) {
        this.connecter = Objects.requireNonNull(connecter, "connecter");
        this.rpc = Objects.requireNonNull(rpc, "rpc");
        this.mode = mode;
        this.localSender = localSender;
        this.localReceiver = localReceiver;
    }

    /** Pull: local receiver, remote sender. */
    static RemoteConnector pull(Connecter connecter, RpcSettings rpc, Receiver local) {
        return new RemoteConnector(connecter, rpc, ActiveJob.Mode.PULL, null, Objects.requireNonNull(local, "local"));
    }

    /** Push: local sender, remote receiver. */
    static RemoteConnector push(Connecter connecter, RpcSettings rpc, Sender local) {
        return new RemoteConnector(connecter, rpc, ActiveJob.Mode.PUSH, Objects.requireNonNull(local, "local"), null);
    }

    @Override
    public EndpointSession open() throws IOException {
        Wire wire = connecter.connect();
        RpcConnection conn;
        try {
            conn = RpcConnection.open(wire, rpc);
        } catch (IOException | RuntimeException e) {
            wire.close();
            throw e;
        }
        if (mode == ActiveJob.Mode.PULL) {
            return new Session(conn, RpcClient.proxy(Sender.class, conn), localReceiver);
        }
        return new Session(conn, localSender, RpcClient.proxy(Receiver.class, conn));
    }

    /** One connection and the endpoint pair on it. */
    private record Session(RpcConnection conn, Sender sender, Receiver receiver) implements EndpointSession {
        @Override
        public void close() throws IOException {
            conn.close();
        }
    }
}
