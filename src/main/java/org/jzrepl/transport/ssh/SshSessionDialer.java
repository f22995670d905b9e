package org.jzrepl.transport.ssh;

import java.io.IOException;
import java.net.ConnectException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.jzrepl.transport.TransportException;
import org.jzrepl.transport.TransportException.Kind;
import org.jzrepl.util.LogText;

/**
 * Opens one authenticated SSH session for a connecter: TCP connect, key exchange with the
 * known_hosts check, public key authentication, all before a deadline. A failure closes what was
 * opened and is mapped to a {@link TransportException} that says what to fix.
 */
final class SshSessionDialer {
    private final SshConnectSettings settings;
    private final SshClientHub hub;
    private final KnownHostsPolicy hostKeys;

    SshSessionDialer(SshConnectSettings settings, SshClientHub hub) {
        this.settings = settings;
        this.hub = hub;
        this.hostKeys = KnownHostsPolicy.create(settings);
    }

    ClientSession dial(long deadline) throws IOException {
        KeyPair key = SshClients.loadIdentity(settings);
        ClientSession session = null;
        try {
            ConnectFuture cf = hub.connect(settings, hostKeys);
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
            IOException mapped = mapFailure(e, session, key);
            if (session != null) {
                session.close(true);
            }
            throw mapped;
        }
    }

    private IOException mapFailure(Exception e, ClientSession session, KeyPair key) {
        if (e instanceof TransportException te) {
            return te;
        }
        String hostKeyProblem = hostKeys.rejection(session);
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

    static long remainingNanos(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}
