package org.jzrepl.transport.stdinserver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.testing.sshd.ForcedCommand;
import org.jzrepl.transport.StreamChannels;
import org.jzrepl.transport.TransportException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon checks the peer's uid (SO_PEERCRED) even when the sockdir's permissions were opened
 * up after it started: the built forced command, run as user nobody, is refused.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StdinserverPeerCheckIT {

    @Test
    void refusesAPeerThatIsNeitherTheDaemonsUserNorRoot() throws Exception {
        Assumptions.assumeTrue(Sockdir.ownUid() == 0, "needs root to run the forced command as another user");
        Path project = ForcedCommand.projectDir();
        Path base = Files.createTempDirectory(project.resolve("target"), "peercheck");
        Path sockdir = Files.createDirectory(base.resolve("sock"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Process child = null;
        try (StdinserverListener listener = StdinserverListener.open(sockdir, List.of("client1"), Runners.shared())) {
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(sockdir, PosixFilePermissions.fromString("rwxr-xr-x"));
            child = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    project.resolve("bin/jzrepl").toString(), "stdinserver", "--sockdir", sockdir.toString(), "client1")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Process p = child;
            TransportException e = assertThrows(TransportException.class, () -> StdinserverHandshake.clientSide(
                    StreamChannels.readable(p.getInputStream()), StreamChannels.writable(p.getOutputStream()), "child"));
            assertTrue(e.getMessage().contains("refused the hand-over: peer uid 65534 is neither the daemon's uid 0 nor root"),
                    e.getMessage());
            assertEquals(StdinserverProtocol.EXIT_NOT_REACHABLE, child.waitFor());
        } finally {
            if (child != null) {
                child.destroyForcibly();
            }
            new ProcessBuilder("rm", "-rf", base.toString()).start().waitFor();
        }
    }
}
