package org.jzrepl.transport.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.jzrepl.transport.TransportException;
import org.jzrepl.transport.TransportException.Kind;

/** Builds a MINA {@link SshClient} that does exactly what {@link SshConnectSettings} say, nothing from ~/.ssh. */
final class SshClients {
    private SshClients() {
    }

    static SshClient create(SshConnectSettings s) {
        SshClient client = SshClient.setUpDefaultClient();
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setServerKeyVerifier(KnownHostsPolicy.create(s));
        List<NamedFactory<Cipher>> ciphers = new ArrayList<>();
        for (String name : s.ciphers()) {
            ciphers.add(BuiltinCiphers.fromFactoryName(name));
        }
        client.setCipherFactories(ciphers);
        if (s.compression()) {
            client.setCompressionFactories(List.of(BuiltinCompressions.delayedZlib, BuiltinCompressions.zlib, BuiltinCompressions.none));
        }
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, s.dialTimeout());
        // RPC calls are small request/answer exchanges: without TCP_NODELAY, Nagle's algorithm and
        // the peer's delayed ACK hold back the second small packet of a call by ~40 ms.
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        if (!s.keepalive().isZero()) {
            CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, s.keepalive());
            CoreModuleProperties.HEARTBEAT_REPLY_WAIT.set(client, s.keepalive());
            CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, s.keepaliveCountMax());
        }
        // idle channels are normal between replication runs; liveness comes from keepalives
        CoreModuleProperties.IDLE_TIMEOUT.set(client, java.time.Duration.ZERO);
        CoreModuleProperties.NIO2_READ_TIMEOUT.set(client, java.time.Duration.ZERO);
        return client;
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
