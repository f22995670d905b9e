package org.jzrepl.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.daemon.ZfsBinary;
import org.jzrepl.testing.sshd.TestSshd;
import org.jzrepl.testing.zfs.ZfsTestbed;
import org.jzrepl.zfs.DatasetPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jzrepl doctor}'s host and peer diagnoses against real parts: a real OpenSSH sshd on
 * loopback whose forced command for the job's key is not jzrepl (it prints a banner, as an account
 * "for backups only" would), a stdinserver sockdir that others may read, and a control socket
 * directory anyone may write. Each must be named with its fix, and doctor must exit 1.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DoctorHostIT {
    @RegisterExtension
    static final ZfsTestbed TESTBED = new ZfsTestbed();
    @TempDir
    static Path tmp;
    static TestSshd sshd;
    static Path config;
    static Path sockdir;
    static Path controlDir;

    @BeforeAll
    static void stage() throws Exception {
        sshd = TestSshd.start(tmp.resolve("sshd"));
        sshd.authorize("echo 'this account only takes backups'", sshd.clientPublicKey());
        sockdir = Files.createDirectory(tmp.resolve("sock"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        controlDir = Files.createDirectory(tmp.resolve("ctl"));
        Files.setPosixFilePermissions(controlDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        DatasetPath dst = TESTBED.path("dh/dst");
        TESTBED.guest("zfs create -p " + dst);
        String connect = "{type: ssh+stdinserver, host: 127.0.0.1, user: " + System.getProperty("user.name")
                + ", port: " + sshd.port() + ", identity_file: " + sshd.clientKey() + ", known_hosts: "
                + sshd.knownHosts() + "}";
        config = Files.writeString(tmp.resolve("jzrepl.yml"), """
                global:
                  control: {sockpath: %s}
                  serve: {stdinserver: {sockdir: %s}}
                jobs:
                  - name: pull
                    type: pull
                    connect: %s
                    root_fs: %s
                    interval: manual
                    pruning: {keep_sender: [], keep_receiver: []}
                  - name: src
                    type: source
                    serve: {type: stdinserver, client_identities: [other]}
                    filesystems: {"%s<": true}
                    snapshotting: {type: manual}
                """.formatted(controlDir.resolve("control"), sockdir, connect, dst, TESTBED.path("dh/src")));
        System.setProperty(ZfsBinary.PROPERTY, TESTBED.zfsBinary().toString());
    }

    @AfterAll
    static void stop() throws Exception {
        System.clearProperty(ZfsBinary.PROPERTY);
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void aForcedCommandThatIsNotJzreplIsNamedWithTheAuthorizedKeysFix() {
        DoctorRun r = DoctorRun.of(config, "--job", "pull");
        System.out.println(r.out());
        assertEquals(1, r.exit(), r.out() + r.err());
        r.assertLine("FAIL  peer: ssh+stdinserver ");
        assertTrue(r.out().contains("did not answer as jzrepl: its forced command is not jzrepl stdinserver"), r.out());
        assertTrue(r.out().contains("fix: in the peer's authorized_keys, start the key's line with"
                + " command=\"jzrepl stdinserver IDENTITY\",restrict"), r.out());
    }

    @Test
    void aSockdirOthersMayReadAndAControlDirectoryAnyoneMayWriteAreNamedWithTheirFix() {
        DoctorRun r = DoctorRun.of(config, "--job", "src");
        System.out.println(r.out());
        assertEquals(1, r.exit(), r.out() + r.err());
        r.assertLine("FAIL  stdinserver sockdir: ");
        r.assertLine("FAIL  control socket directory: ");
        String sock = r.line("FAIL  stdinserver sockdir: ");
        String ctl = r.line("FAIL  control socket directory: ");
        assertTrue(sock.contains(sockdir.toString()) && sock.contains("fix: "), sock);
        assertTrue(ctl.contains(controlDir.toString()) && ctl.contains("fix: "), ctl);
        assertTrue(sock.contains("chmod") || sock.contains("install -d -m 0700"), sock);
        assertTrue(ctl.contains("chmod") || ctl.contains("install -d -m 0700"), ctl);
    }
}
