package org.jzrepl.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.jzrepl.config.ConnectConfig;
import org.jzrepl.config.ServeConfig;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.transport.TransportException;
import org.jzrepl.transport.local.LocalSwitchboard;
import org.jzrepl.transport.ssh.SshConnectSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransportsTest {
    static final Path HOME = Path.of("/home/backup");

    static ConnectConfig.SshStdinserver ssh(List<String> options, Duration dial, String knownHosts) {
        return new ConnectConfig.SshStdinserver("data.example", "root", 2222, Path.of("/etc/jzrepl/id"), options,
                dial, knownHosts);
    }

    @Test
    void mapsEverySshKeyOntoTheClientSettings() throws Exception {
        SshConnectSettings s = Transports.sshSettings("pull1",
                ssh(List.of(), Duration.ofSeconds(3), ConnectConfig.SshStdinserver.DEFAULT_KNOWN_HOSTS), HOME);
        assertEquals("data.example", s.host());
        assertEquals("root", s.user());
        assertEquals(2222, s.port());
        assertEquals(Path.of("/etc/jzrepl/id"), s.identityFile());
        assertEquals(HOME.resolve(".ssh/known_hosts"), s.knownHosts(), "~/ is the daemon user's home");
        assertEquals(SshConnectSettings.StrictHostKeyChecking.YES, s.strictHostKeyChecking());
        assertEquals(Duration.ofSeconds(3), s.dialTimeout());
    }

    @Test
    void appliesOptionsOnTopAndTakesTheDefaultForAZeroDialTimeout() throws Exception {
        SshConnectSettings s = Transports.sshSettings("pull1",
                ssh(List.of("Compression=yes", "ServerAliveInterval=30"), Duration.ZERO, "/etc/jzrepl/known_hosts"),
                HOME);
        assertTrue(s.compression());
        assertEquals(Duration.ofSeconds(30), s.keepalive());
        assertEquals(ConnectConfig.DEFAULT_DIAL_TIMEOUT, s.dialTimeout());
        assertEquals(Path.of("/etc/jzrepl/known_hosts"), s.knownHosts());
    }

    @Test
    void refusesAnUnsupportedSshOptionNamingTheJob() {
        JobStartException e = assertThrows(JobStartException.class, () -> Transports.sshSettings("pull1",
                ssh(List.of("ProxyJump=bastion"), Duration.ZERO, "/k"), HOME));
        assertTrue(e.getMessage().startsWith("job 'pull1': connect: "), e.getMessage());
        assertTrue(e.getMessage().contains("ProxyJump"), e.getMessage());
    }

    @Test
    void buildsTcpAndRefusesTlsWhoseFilesAreMissingNamingJobAndFile() throws Exception {
        try (var tcp = Transports.connecter("p", new ConnectConfig.Tcp("192.0.2.1:8888", Duration.ZERO),
                new LocalSwitchboard(), HOME)) {
            assertEquals("tcp 192.0.2.1:8888", tcp.toString());
        }
        JobStartException tls = assertThrows(JobStartException.class, () -> Transports.listener("s",
                new ServeConfig.Tls("0.0.0.0:8888", false, Path.of("/nonexistent/ca"), Path.of("/c"), Path.of("/k"),
                        List.of("client"), Duration.ZERO), Path.of("/run"), new LocalSwitchboard(),
                Runners.shared()));
        assertTrue(tls.getMessage().startsWith("job 's': serve: cannot read ca /nonexistent/ca"), tls.getMessage());
    }

    @Test
    void localConnectDialsTheSwitchboard() throws Exception {
        LocalSwitchboard sb = new LocalSwitchboard();
        var connecter = Transports.connecter("push1",
                new ConnectConfig.Local("backups", "laptop", Duration.ZERO), sb, HOME);
        TransportException e = assertThrows(TransportException.class, connecter::connect);
        assertTrue(e.getMessage().contains("no job listens on local listener_name 'backups'"), e.getMessage());
    }

    @Test
    void describesStdinserverSocketsPerIdentity() {
        assertEquals(List.of("stdinserver /run/s/a", "stdinserver /run/s/b"),
                Transports.describe(new ServeConfig.Stdinserver(List.of("a", "b")), Path.of("/run/s")));
        assertEquals(List.of("tcp 0.0.0.0:1"),
                Transports.describe(new ServeConfig.Tcp("0.0.0.0:1", false, Map.of("10.0.0.1", "x")), Path.of("/")));
    }
}
