package org.jzrepl.transport;

import java.io.IOException;
import org.jzrepl.config.ConnectConfig;
import org.jzrepl.config.GlobalConfig;
import org.jzrepl.config.ServeConfig;
import org.jzrepl.transport.local.LocalSwitchboard;
import org.jzrepl.transport.ssh.SshConnectSettings;
import org.jzrepl.transport.ssh.SshStdinserverConnecter;
import org.jzrepl.transport.stdinserver.StdinserverListener;

/** Builds connecters and listeners from a job's {@code connect} / {@code serve} config. */
public final class Transports {
    private Transports() {
    }

    /**
     * The connecter for an active job.
     *
     * @param local the daemon's switchboard, for {@code local}
     * @throws TransportException CONFIGURATION for settings that cannot be used or transports not built yet
     */
    public static Connecter connecter(ConnectConfig config, LocalSwitchboard local) throws TransportException {
        try {
            if (config instanceof ConnectConfig.SshStdinserver ssh) {
                return new SshStdinserverConnecter(SshConnectSettings.fromConfig(ssh));
            }
            if (config instanceof ConnectConfig.Local l) {
                return local.connecter(l.listenerName(), l.clientIdentity(), l.dialTimeout());
            }
        } catch (IllegalArgumentException e) {
            throw new TransportException(TransportException.Kind.CONFIGURATION, "connect: " + e.getMessage(), e);
        }
        throw new TransportException(TransportException.Kind.CONFIGURATION, "connect type "
                + config.getClass().getSimpleName().toLowerCase() + " is not supported by this version of jzrepl;"
                + " use ssh+stdinserver or local");
    }

    /**
     * The listener for a passive job. For {@code stdinserver} this checks the sockdir and binds the
     * sockets now, so a daemon with a bad sockdir refuses to start.
     */
    public static AuthenticatedListener listener(ServeConfig config, GlobalConfig global, LocalSwitchboard local)
            throws IOException {
        if (config instanceof ServeConfig.Stdinserver st) {
            return StdinserverListener.open(global.stdinserverSockdir(), st.clientIdentities(), new ConnectionCaps(
                    "stdinserver", st.limits().maxConnectionsPerIdentity(), st.limits().maxConnections()));
        }
        if (config instanceof ServeConfig.Local l) {
            return local.listen(l.listenerName(), new ConnectionCaps("local " + l.listenerName(),
                    l.limits().maxConnectionsPerIdentity(), l.limits().maxConnections()));
        }
        throw new TransportException(TransportException.Kind.CONFIGURATION, "serve type "
                + config.getClass().getSimpleName().toLowerCase() + " is not supported by this version of jzrepl;"
                + " use stdinserver or local");
    }
}
