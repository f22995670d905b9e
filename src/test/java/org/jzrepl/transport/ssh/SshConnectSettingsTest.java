package org.jzrepl.transport.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SshConnectSettingsTest {
    private final SshConnectSettings base = SshConnectSettings.of("backup.example", "root", 22,
            Path.of("/etc/jzrepl/id"), Path.of("/root/.ssh/known_hosts"));

    @Test
    void defaultsPutAesGcmFirstAndCheckHostKeysStrictly() {
        assertEquals(List.of("aes128-gcm@openssh.com", "aes256-gcm@openssh.com"), base.ciphers().subList(0, 2));
        assertEquals(SshConnectSettings.StrictHostKeyChecking.YES, base.strictHostKeyChecking());
        assertEquals(Duration.ofSeconds(10), base.dialTimeout());
        assertFalse(base.compression());
    }

    @Test
    void mapsTheSupportedOpenSshOptionsInBothSpellings() {
        SshConnectSettings s = base.withOptions(List.of("Port=2222", "user backup", "IdentityFile=/k", "UserKnownHostsFile /kh",
                "StrictHostKeyChecking=accept-new", "ServerAliveInterval=30", "ServerAliveCountMax=5", "ConnectTimeout=4",
                "Ciphers=aes256-gcm@openssh.com,aes128-ctr", "Compression=yes", "BatchMode=yes"));
        assertEquals(2222, s.port());
        assertEquals("backup", s.user());
        assertEquals(Path.of("/k"), s.identityFile());
        assertEquals(Path.of("/kh"), s.knownHosts());
        assertEquals(SshConnectSettings.StrictHostKeyChecking.ACCEPT_NEW, s.strictHostKeyChecking());
        assertEquals(Duration.ofSeconds(30), s.keepalive());
        assertEquals(5, s.keepaliveCountMax());
        assertEquals(Duration.ofSeconds(4), s.dialTimeout());
        assertEquals(List.of("aes256-gcm@openssh.com", "aes128-ctr"), s.ciphers());
        assertTrue(s.compression());
        assertEquals("[backup.example]:2222", s.knownHostsName());
        assertEquals("backup.example", base.knownHostsName());
    }

    @Test
    void refusesUnsupportedOptionsByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> base.withOptions(List.of("ProxyJump=bastion")));
        assertTrue(e.getMessage().contains("'ProxyJump' is not supported") && e.getMessage().contains("supported: Port"), e.getMessage());
    }

    @Test
    void refusesWeakeningHostKeyChecksAndUnknownCiphers() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> base.withOptions(List.of("StrictHostKeyChecking=no")))
                .getMessage().contains("host keys are always checked"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> base.withOptions(List.of("Ciphers=rot13")))
                .getMessage().contains("cipher 'rot13' is not available"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> base.withOptions(List.of("Port")))
                .getMessage().contains("not of the form Key=Value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> base.withOptions(List.of("Port=abc")))
                .getMessage().contains("'abc' is not a number"));
    }

    @Test
    void mapsTheConnectConfigAndItsOptions() {
        SshConnectSettings s = SshConnectSettings.fromConfig(new org.jzrepl.config.ConnectConfig.SshStdinserver("db1", "backup", 2022,
                Path.of("/etc/jzrepl/id_ed25519"), List.of("ServerAliveInterval=60", "Ciphers=aes256-gcm@openssh.com"),
                Duration.ofSeconds(5), "~/.ssh/known_hosts"));
        assertEquals("backup@db1:2022", s.where());
        assertEquals(Path.of("/etc/jzrepl/id_ed25519"), s.identityFile());
        assertEquals(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"), s.knownHosts());
        assertEquals(Duration.ofSeconds(5), s.dialTimeout());
        assertEquals(Duration.ofSeconds(60), s.keepalive());
        assertEquals(List.of("aes256-gcm@openssh.com"), s.ciphers());
        assertThrows(IllegalArgumentException.class, () -> SshConnectSettings.fromConfig(new org.jzrepl.config.ConnectConfig.SshStdinserver(
                "db1", "backup", 22, Path.of("/k"), List.of("ProxyCommand=nc %h %p"), Duration.ofSeconds(5), "/kh")));
    }

    @Test
    void validatesInTheConstructor() {
        assertThrows(IllegalArgumentException.class, () -> base.withPort(0));
        assertThrows(IllegalArgumentException.class, () -> base.withDialTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> SshConnectSettings.of(" ", "root", 22, Path.of("/k"), Path.of("/kh")));
    }
}
