package org.jzrepl.transport.ssh;

import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * Host key checking against an OpenSSH known_hosts file. A rejected key leaves a message on the
 * session ({@link #rejection}) that says what was offered, what is known, and the exact line to
 * add; the connecter reports it instead of MINA's generic key-exchange failure.
 */
final class KnownHostsPolicy extends KnownHostsServerKeyVerifier {
    static final AttributeKey<String> REJECTION = new AttributeKey<>();

    private final SshConnectSettings settings;

    private KnownHostsPolicy(ServerKeyVerifier unknownKeys, SshConnectSettings settings) {
        super(unknownKeys, settings.knownHosts());
        this.settings = settings;
        setModifiedServerKeyAcceptor(this::refuseChangedKey);
    }

    static KnownHostsPolicy create(SshConnectSettings settings) {
        boolean acceptNew = settings.strictHostKeyChecking() == SshConnectSettings.StrictHostKeyChecking.ACCEPT_NEW;
        return new KnownHostsPolicy((session, address, key) -> acceptNew || refuseUnknownKey(session, key, settings), settings);
    }

    /** The message left by a rejected host key, or null. */
    static String rejection(ClientSession session) {
        return session == null ? null : session.getAttribute(REJECTION);
    }

    private static boolean refuseUnknownKey(ClientSession session, PublicKey key, SshConnectSettings s) {
        session.setAttribute(REJECTION, "host key of " + s.knownHostsName() + " is not known (" + describe(key)
                + ") and jzrepl does not trust unknown hosts: check the fingerprint on the host (ssh-keygen -lf"
                + " /etc/ssh/ssh_host_*_key.pub), then add this line to " + s.knownHosts() + ":\n"
                + line(s.knownHostsName(), key));
        return false;
    }

    private boolean refuseChangedKey(ClientSession session, SocketAddress address, KnownHostEntry entry,
            PublicKey expected, PublicKey actual) {
        session.setAttribute(REJECTION, "HOST KEY OF " + settings.knownHostsName() + " HAS CHANGED: " + settings.knownHosts()
                + " has " + describe(expected) + " (entry '" + abbreviate(entry) + "') but the server offered "
                + describe(actual) + ". This may be an attack, or the host was reinstalled. If the new key is right,"
                + " remove the old entry (ssh-keygen -R '" + settings.knownHostsName() + "' -f " + settings.knownHosts()
                + ") and add this line:\n" + line(settings.knownHostsName(), actual));
        return false;
    }

    static String describe(PublicKey key) {
        return KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
    }

    static String line(String hostName, PublicKey key) {
        return hostName + " " + PublicKeyEntry.toString(key);
    }

    private static String abbreviate(KnownHostEntry entry) {
        String s = String.valueOf(entry == null ? null : entry.getConfigLine());
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /** Exposed for the connecter's log line when a key was learned under accept-new. */
    Path file() {
        return settings.knownHosts();
    }
}
