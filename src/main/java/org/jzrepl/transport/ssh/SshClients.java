package org.jzrepl.transport.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.session.helpers.SessionHelper;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.jzrepl.transport.TransportException;
import org.jzrepl.transport.TransportException.Kind;

/**
 * Builds the MINA {@link SshClient} a daemon shares between all its ssh+stdinserver connecters, and
 * applies one connecter's {@link SshConnectSettings} to each session it dials: ciphers, compression,
 * keepalives and the known_hosts check come from the settings the dial carries in its connection
 * context, never from ~/.ssh or another job.
 */
final class SshClients {
    /** The connection context attribute carrying a dial's settings and host key policy. */
    static final AttributeKey<Dial> DIAL = new AttributeKey<>();

    /** What a session needs from its connecter. */
    record Dial(SshConnectSettings settings, KnownHostsPolicy hostKeys) {
    }

    private SshClients() {
    }

    /** The connection context for a dial with {@code s}. */
    static AttributeRepository context(SshConnectSettings s, KnownHostsPolicy hostKeys) {
        return AttributeRepository.ofKeyValuePair(DIAL, new Dial(s, hostKeys));
    }

    /** A client whose sessions take their settings from the dial's context (see {@link #context}). */
    static SshClient createShared() {
        SshClient client = SshClient.setUpDefaultClient();
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setServerKeyVerifier((session, address, key) -> {
            Dial d = dialOf(session.getConnectionContext());
            return d != null && d.hostKeys().verifyServerKey(session, address, key);
        });
        client.addSessionListener(new SessionListener() {
            @Override
            public void sessionEstablished(Session session) {
                // the connection context is on the IoSession already, not yet on the ClientSession
                configure(session, dialOf((AttributeRepository) session.getIoSession().getAttribute(AttributeRepository.class)));
            }
        });
        // each dial bounds its own TCP connect by its dial_timeout (and cancels it); this is only a backstop
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, Duration.ofMinutes(2));
        // RPC calls are small request/answer exchanges: without TCP_NODELAY, Nagle's algorithm and
        // the peer's delayed ACK hold back the second small packet of a call by ~40 ms.
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        // idle channels are normal between replication runs; liveness comes from keepalives
        CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
        CoreModuleProperties.NIO2_READ_TIMEOUT.set(client, Duration.ZERO);
        return client;
    }

    private static Dial dialOf(AttributeRepository context) {
        return context == null ? null : context.getAttribute(DIAL);
    }

    /**
     * Applies a dial's settings to its session before the session reads them: called while the
     * session is being constructed, before its connection service (keepalives) and its KEXINIT.
     * A session without settings (not dialed by a connecter) offers no cipher, so it cannot be used.
     */
    static void configure(Session session, Dial dial) {
        SessionHelper s = (SessionHelper) session;
        if (dial == null) {
            s.setCipherFactories(List.of());
            return;
        }
        SshConnectSettings settings = dial.settings();
        List<NamedFactory<Cipher>> ciphers = new ArrayList<>();
        for (String name : settings.ciphers()) {
            ciphers.add(BuiltinCiphers.fromFactoryName(name));
        }
        s.setCipherFactories(ciphers);
        if (settings.compression()) {
            s.setCompressionFactories(List.of(BuiltinCompressions.delayedZlib, BuiltinCompressions.zlib, BuiltinCompressions.none));
        }
        if (!settings.keepalive().isZero()) {
            CoreModuleProperties.HEARTBEAT_INTERVAL.set(s, settings.keepalive());
            CoreModuleProperties.HEARTBEAT_REPLY_WAIT.set(s, settings.keepalive());
            CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(s, settings.keepaliveCountMax());
        }
    }

    /** Loads the identity file; an encrypted key is refused with a message saying why. */
    static KeyPair loadIdentity(SshConnectSettings s) throws TransportException {
        String file = s.identityFile().toString();
        FilePasswordProvider noPassphrase = (session, resource, retry) -> {
            throw new TransportException(Kind.AUTHENTICATION_FAILED, "identity_file " + file + " is encrypted with a"
                    + " passphrase and jzrepl has no passphrase source: use a key without passphrase (the forced command"
                    + " restricts what it can do) or remove it with ssh-keygen -p -N '' -f " + file);
        };
        try (InputStream in = Files.newInputStream(s.identityFile())) {
            Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file), in, noPassphrase);
            Iterator<KeyPair> it = keys == null ? null : keys.iterator();
            if (it == null || !it.hasNext()) {
                throw new TransportException(Kind.AUTHENTICATION_FAILED, "identity_file " + file + " holds no private key");
            }
            return it.next();
        } catch (TransportException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new TransportException(Kind.CONFIGURATION, "identity_file " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new TransportException(Kind.CONFIGURATION, "identity_file " + file + " is not readable by this user", e);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e.getCause() instanceof TransportException te) {
                throw te;
            }
            throw new TransportException(Kind.AUTHENTICATION_FAILED, "cannot load identity_file " + file
                    + " (OpenSSH or PEM private key, ed25519/ecdsa/rsa expected): " + e.getMessage(), e);
        }
    }
}
