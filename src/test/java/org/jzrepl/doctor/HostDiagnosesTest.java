package org.jzrepl.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.transport.TransportException;
import org.jzrepl.transport.TransportException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HostDiagnosesTest {

    private static final String PEER = "ssh+stdinserver backup@data1:22";

    static Stream<Arguments> dialFailures() {
        return Stream.of(
                Arguments.of(new TransportException(Kind.UNREACHABLE, "connect to data1:22 timed out after 10s"),
                        "cannot reach ssh+stdinserver backup@data1:22: connect to data1:22 timed out after 10s",
                        "check that the host is up and the port open, e.g. ssh -p PORT USER@HOST true"),
                Arguments.of(new ConnectException("Connection refused"),
                        "cannot reach ssh+stdinserver backup@data1:22: Connection refused",
                        "check that the host is up and the port open, e.g. ssh -p PORT USER@HOST true"),
                Arguments.of(new TransportException(Kind.HOST_KEY_REJECTED, "host key of [data1]:2222 is not known"
                                + " (ssh-ed25519 SHA256:abc) and jzrepl does not trust unknown hosts: check the fingerprint"
                                + " on the host (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub), then add this line to"
                                + " /root/.ssh/known_hosts:\n[data1]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE"),
                        "host key of [data1]:2222 is not known (ssh-ed25519 SHA256:abc) and jzrepl does not trust unknown"
                                + " hosts: check the fingerprint on the host (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub)",
                        "echo '[data1]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE' >> /root/.ssh/known_hosts"),
                Arguments.of(new TransportException(Kind.AUTHENTICATION_FAILED, "backup@data1: publickey refused"),
                        "ssh+stdinserver backup@data1:22 refused the login: backup@data1: publickey refused",
                        "append the identity_file's public key to the peer's authorized_keys, with"
                                + " command=\"jzrepl stdinserver IDENTITY\",restrict"),
                Arguments.of(new ProtocolException(ProtocolException.Code.BAD_HANDSHAKE,
                                "bad handshake from peer: \"bash: \""),
                        "ssh+stdinserver backup@data1:22 did not answer as jzrepl: its forced command is not jzrepl"
                                + " stdinserver (BAD_HANDSHAKE: bad handshake from peer: \"bash: \")",
                        "in the peer's authorized_keys, start the key's line with command=\"jzrepl stdinserver"
                                + " IDENTITY\",restrict"),
                Arguments.of(new TransportException(Kind.DAEMON_NOT_REACHABLE, "no daemon on /var/run/jzrepl/stdinserver/b"),
                        "the jzrepl daemon on ssh+stdinserver backup@data1:22 does not answer: no daemon on"
                                + " /var/run/jzrepl/stdinserver/b",
                        "on the peer: systemctl start jzrepl"));
    }

    @ParameterizedTest
    @MethodSource("dialFailures")
    void eachDialFailureSaysWhyAndWhatFixesIt(Exception failure, String sentence, String fix) {
        Finding f = HostDiagnoses.peer(PEER, failure);
        assertFalse(f.ok());
        assertEquals("peer", f.subject());
        assertEquals(sentence, f.sentence());
        assertEquals(fix, f.fix());
    }

    @Test
    void aPeerThatAnswersIsFine() {
        Finding f = HostDiagnoses.peer(PEER, null);
        assertTrue(f.ok());
        assertEquals("ssh+stdinserver backup@data1:22 answers with jzrepl's protocol", f.sentence());
    }

    @Test
    void aSocketDirectoryOthersCanEnterIsRefusedWithTheChmod() {
        Path dir = Path.of("/var/run/jzrepl");
        Finding f = HostDiagnoses.privateDir("control socket directory", dir, true,
                Optional.of("control socket directory /var/run/jzrepl is accessible by others (mode 0755): run chmod o-rwx /var/run/jzrepl"));
        assertFalse(f.ok());
        assertEquals("control socket directory /var/run/jzrepl is accessible by others (mode 0755)", f.sentence());
        assertEquals("chmod o-rwx /var/run/jzrepl", f.fix());
        Finding owner = HostDiagnoses.privateDir("stdinserver sockdir", dir, true, Optional.of(
                "stdinserver sockdir /var/run/jzrepl belongs to uid 1000, not to the daemon's uid 0: run chown 0 /var/run/jzrepl"));
        assertEquals("chown 0 /var/run/jzrepl", owner.fix());
        assertTrue(HostDiagnoses.privateDir("stdinserver sockdir", dir, false, Optional.empty()).ok(),
                "a missing directory is created by the daemon");
    }

    @Test
    void aDaemonThatDoesNotRunOrCannotBeAskedAreTellApart() {
        Path sock = Path.of("/var/run/jzrepl/control");
        assertTrue(HostDiagnoses.daemon(sock, Optional.empty(), false).ok());
        Finding down = HostDiagnoses.daemon(sock, Optional.of("Connection refused"), false);
        assertEquals("systemctl start jzrepl", down.fix());
        Finding denied = HostDiagnoses.daemon(sock, Optional.of("Permission denied"), true);
        assertEquals("run jzrepl doctor as the daemon's user (e.g. sudo jzrepl doctor)", denied.fix());
    }
}
