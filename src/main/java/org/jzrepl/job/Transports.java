package org.jzrepl.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jzrepl.config.ConnectConfig;
import org.jzrepl.config.ServeConfig;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.transport.Connecter;
import org.jzrepl.transport.ConnectionCaps;
import org.jzrepl.transport.local.LocalSwitchboard;
import org.jzrepl.transport.ssh.SshConnectSettings;
import org.jzrepl.transport.ssh.SshStdinserverConnecter;
import org.jzrepl.transport.stdinserver.StdinserverListener;
import org.jzrepl.transport.tcp.TcpAddress;
import org.jzrepl.transport.tcp.TcpConnecter;
import org.jzrepl.transport.tcp.TcpListener;
import org.jzrepl.transport.tls.TlsConnecter;
import org.jzrepl.transport.tls.TlsListener;
import org.jzrepl.transport.tls.TlsSettings;
import org.jzrepl.config.ClientMap;
import org.jzrepl.runtime.TaskRunner;

/**
 * Maps a job's {@code connect} and {@code serve} sections onto the transport layer: ssh+stdinserver,
 * stdinserver, local, tcp and tls. A tls section's PEM files are read here, when the job is built,
 * so a missing or unusable file stops the daemon's start with a message naming the job and file.
 * Pure functions, no state.
 */
public final class Transports {

    private Transports() {
    }

    /**
     * The connecter for {@code connect}; nothing is dialled yet.
     *
     * @param home the daemon user's home, for a {@code ~/} known_hosts path
     */
    public static Connecter connecter(String job, ConnectConfig connect, LocalSwitchboard switchboard, Path home)
            throws JobStartException {
        if (connect instanceof ConnectConfig.SshStdinserver ssh) {
            return new SshStdinserverConnecter(sshSettings(job, ssh, home));
        }
        if (connect instanceof ConnectConfig.Local local) {
            return switchboard.connecter(local.listenerName(), local.clientIdentity(),
                    positive(local.dialTimeout(), ConnectConfig.DEFAULT_LOCAL_DIAL_TIMEOUT));
        }
        try {
            if (connect instanceof ConnectConfig.Tcp tcp) {
                return new TcpConnecter(TcpAddress.parse(tcp.address()),
                        positive(tcp.dialTimeout(), ConnectConfig.DEFAULT_DIAL_TIMEOUT));
            }
            ConnectConfig.Tls tls = (ConnectConfig.Tls) connect;
            return new TlsConnecter(TcpAddress.parse(tls.address()), tls.serverCn(),
                    positive(tls.dialTimeout(), ConnectConfig.DEFAULT_DIAL_TIMEOUT),
                    TlsSettings.load(tls.ca(), tls.cert(), tls.key()));
        } catch (IllegalArgumentException e) {
            throw new JobStartException(job, "connect: " + e.getMessage(), e);
        }
    }

    /**
     * The ssh client settings of an {@code ssh+stdinserver} connect: host, user, port,
     * identity_file, known_hosts (strict checking), dial_timeout, then the {@code options} list on top.
     */
    public static SshConnectSettings sshSettings(String job, ConnectConfig.SshStdinserver c, Path home)
            throws JobStartException {
        try {
            return SshConnectSettings.of(c.host(), c.user(), c.port(), c.identityFile(), c.knownHostsPath(home))
                    .withDialTimeout(positive(c.dialTimeout(), ConnectConfig.DEFAULT_DIAL_TIMEOUT))
                    .withOptions(c.options());
        } catch (IllegalArgumentException e) {
            throw new JobStartException(job, "connect: " + e.getMessage(), e);
        }
    }

    /** What {@code serve} listens on, for messages and the status report. */
    public static List<String> describe(ServeConfig serve, Path sockdir) {
        if (serve instanceof ServeConfig.Stdinserver s) {
            return s.clientIdentities().stream().map(id -> "stdinserver " + sockdir.resolve(id)).toList();
        }
        if (serve instanceof ServeConfig.Local l) {
            return List.of("local " + l.listenerName());
        }
        if (serve instanceof ServeConfig.Tcp t) {
            return List.of("tcp " + t.listen());
        }
        return List.of("tls " + ((ServeConfig.Tls) serve).listen());
    }

    /**
     * Opens the listener of {@code serve} when the job starts; tcp and tls accept and hand over on
     * {@code runner}.
     */
    public static PassiveJob.ListenerOpener listener(String job, ServeConfig serve, Path sockdir,
                                                     LocalSwitchboard switchboard, TaskRunner runner)
            throws JobStartException {
        if (serve instanceof ServeConfig.Stdinserver s) {
            return () -> StdinserverListener.open(sockdir, s.clientIdentities(), caps(job, serve), runner);
        }
        if (serve instanceof ServeConfig.Local l) {
            return () -> switchboard.listen(l.listenerName(), caps(job, serve));
        }
        try {
            if (serve instanceof ServeConfig.Tcp t) {
                TcpAddress at = TcpAddress.parse(t.listen());
                ClientMap clients = t.clientMap();
                return () -> TcpListener.open(job, at, clients::identityFor, caps(job, serve), runner);
            }
            ServeConfig.Tls t = (ServeConfig.Tls) serve;
            TcpAddress at = TcpAddress.parse(t.listen());
            TlsSettings tls = TlsSettings.load(t.ca(), t.cert(), t.key());
            Duration hs = positive(t.handshakeTimeout(), ServeConfig.Tls.DEFAULT_HANDSHAKE_TIMEOUT);
            return () -> TlsListener.open(job, at, tls, t.clientCns(), hs, caps(job, serve), runner);
        } catch (IllegalArgumentException e) {
            throw new JobStartException(job, "serve: " + e.getMessage(), e);
        }
    }

    /** Whether {@code serve} (null for active jobs) asks for {@code listen_freebind}. */
    static boolean freebind(ServeConfig serve) {
        return serve instanceof ServeConfig.Tcp t && t.listenFreebind()
                || serve instanceof ServeConfig.Tls t2 && t2.listenFreebind();
    }

    /** The connection caps of a passive job's {@code serve} section. */
    static ConnectionCaps caps(String job, ServeConfig serve) {
        return new ConnectionCaps(job, serve.limits().maxConnectionsPerIdentity(), serve.limits().maxConnections());
    }

    private static Duration positive(Duration d, Duration fallback) {
        return d.isZero() ? fallback : d;
    }
}
