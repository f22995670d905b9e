package org.jzrepl.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** sd_notify's datagrams, received on a real unix datagram socket as systemd's would. */
class SystemdNotifierTest {
    @TempDir
    Path tmp;

    private static String receive(AFUNIXDatagramSocket s) throws Exception {
        byte[] buf = new byte[4096];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        s.setSoTimeout(5000);
        s.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    @Test
    void readyAndStoppingReachThePathSystemdNames() throws Exception {
        Path sock = tmp.resolve("notify");
        try (AFUNIXDatagramSocket systemd = AFUNIXDatagramSocket.newInstance()) {
            systemd.bind(AFUNIXSocketAddress.of(sock));
            SystemdNotifier n = SystemdNotifier.fromEnv(Map.of(SystemdNotifier.ENV, sock.toString()));
            assertTrue(n.active());
            assertTrue(n.ready("running 2 jobs,\ncontrol socket /run/jzrepl/control"));
            assertEquals("READY=1\nSTATUS=running 2 jobs, control socket /run/jzrepl/control\n", receive(systemd),
                    "one line of status: a newline in it would start another assignment");
            assertTrue(n.stopping());
            assertEquals("STOPPING=1\nSTATUS=stopping\n", receive(systemd));
        }
    }

    @Test
    void anAtSignNamesTheAbstractNamespace() throws Exception {
        String name = "jzrepl-test-" + UUID.randomUUID();
        try (AFUNIXDatagramSocket systemd = AFUNIXDatagramSocket.newInstance()) {
            systemd.bind(AFUNIXSocketAddress.inAbstractNamespace(name));
            SystemdNotifier n = SystemdNotifier.fromEnv(Map.of(SystemdNotifier.ENV, "@" + name));
            assertTrue(n.ready("x".repeat(500)));
            String got = receive(systemd);
            assertEquals("READY=1\nSTATUS=" + "x".repeat(200) + "\n", got, "the status is capped");
        }
    }

    @Test
    void withoutTheVariableOrWithAnUnusableOneNothingIsSent() {
        assertFalse(SystemdNotifier.fromEnv(Map.of()).active());
        assertFalse(SystemdNotifier.fromEnv(Map.of()).ready("x"));
        assertFalse(SystemdNotifier.fromEnv(Map.of(SystemdNotifier.ENV, "relative/notify")).active());
        assertFalse(SystemdNotifier.fromEnv(Map.of(SystemdNotifier.ENV, "@")).active());
    }

    @Test
    void aSocketNobodyListensOnIsAWarningNotAFailure() {
        SystemdNotifier n = SystemdNotifier.fromEnv(Map.of(SystemdNotifier.ENV, tmp.resolve("gone").toString()));
        assertTrue(n.active());
        assertFalse(n.ready("x"));
        assertFalse(n.stopping());
    }
}
