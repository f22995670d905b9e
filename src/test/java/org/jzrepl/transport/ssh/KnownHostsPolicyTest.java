package org.jzrepl.transport.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rejected host key's message must outlive the session's attributes: MINA closes the session on
 * the rejection, and the close clears them before the connecter may read them. A mock session
 * stores no attribute at all, which is what the connecter sees when the close won that race.
 */
class KnownHostsPolicyTest {

    @Test
    void anUnknownKeysRejectionSurvivesTheSessionClearingItsAttributes(@TempDir Path dir) throws Exception {
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
        SshConnectSettings settings = SshConnectSettings.of("backup.example", "root", 2222, dir.resolve("id"), knownHosts);
        KnownHostsPolicy policy = KnownHostsPolicy.create(settings);
        KeyPair server = KeyPairGenerator.getInstance("EC").generateKeyPair();
        ClientSession session = mock(ClientSession.class);

        assertFalse(policy.verifyServerKey(session, new InetSocketAddress("127.0.0.1", 2222), server.getPublic()));

        String why = policy.rejection(session);
        assertNotNull(why, "the rejection's message was lost");
        assertTrue(why.contains("is not known"), why);
        String line = why.substring(why.lastIndexOf('\n') + 1);
        assertTrue(line.startsWith("[backup.example]:2222 ecdsa-sha2-nistp256 "), line);
        assertNull(policy.rejection(session), "taken once");
        assertEquals(null, policy.rejection(null));
    }
}
