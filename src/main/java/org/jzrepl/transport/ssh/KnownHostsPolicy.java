package org.jzrepl.transport.ssh;

import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * Host key checking against an OpenSSH known_hosts file. A rejected key leaves a message
 * ({@link #rejection}) that says what was offered, what is known, and the exact line to add; the
 * connecter reports it instead of MINA's generic key-exchange failure. The message is kept here,
 * by session, and not as a session attribute: MINA closes the session on the rejection, and its
 * close clears the attributes, which raced with the connecter reading them.
 */
final class KnownHostsPolicy extends KnownHostsServerKeyVerifier {

    private final SshConnectSettings settings;
    private final Map<ClientSession, String> rejected;

    private KnownHostsPolicy(ServerKeyVerifier unknownKeys, SshConnectSettings settings,
                             Map<ClientSession, String> rejected) {
        super(unknownKeys, settings.knownHosts());
        this.settings = settings;
        this.rejected = rejected;
        setModifiedServerKeyAcceptor(this::refuseChangedKey);
    }

    static KnownHostsPolicy create(SshConnectSettings settings) {
        boolean acceptNew = settings.strictHostKeyChecking() == SshConnectSettings.StrictHostKeyChecking.ACCEPT_NEW;
        Map<ClientSession, String> rejected = Collections.synchronizedMap(new WeakHashMap<>());
        return new KnownHostsPolicy((session, address, key) -> acceptNew || refuseUnknownKey(rejected, session, key,
                settings), settings, rejected);
    }

    /** The message left by a rejected host key of {@code session} (taken: a second call gives null), or null. */
    String rejection(ClientSession session) {
        return session == null ? null : rejected.remove(session);
    }

    private static boolean refuseUnknownKey(Map<ClientSession, String> rejected, ClientSession session, PublicKey key,
                                            SshConnectSettings s) {
        rejected.put(session, "host key of " + s.knownHostsName() + " is not known (" + describe(key)
                + ") and jzrepl does not trust unknown hosts: check the fingerprint on the host (ssh-keygen -lf"
                + " /etc/ssh/ssh_host_*_key.pub), then add this line to " + s.knownHosts() + ":\n"
                + line(s.knownHostsName(), key));
        return false;
    }

    private boolean refuseChangedKey(ClientSession session, SocketAddress address, KnownHostEntry entry,
            PublicKey expected, PublicKey actual) {
        rejected.put(session, "HOST KEY OF " + settings.knownHostsName() + " HAS CHANGED: " + settings.knownHosts()
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
