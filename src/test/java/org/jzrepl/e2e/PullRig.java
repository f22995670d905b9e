package org.jzrepl.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.InitialReplication;
import org.jzrepl.config.RecvOptions;
import org.jzrepl.config.ReplicationOptions;
import org.jzrepl.config.SendOptions;
import org.jzrepl.endpoint.ZfsReceiver;
import org.jzrepl.endpoint.ZfsSender;
import org.jzrepl.job.ActiveJob;
import org.jzrepl.job.JobReport;
import org.jzrepl.job.JobStartException;
import org.jzrepl.job.PassiveJob;
import org.jzrepl.replication.driver.DriverSettings;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.testing.sshd.ForcedCommand;
import org.jzrepl.testing.sshd.TestSshd;
import org.jzrepl.transport.Connecter;
import org.jzrepl.transport.ssh.SshStdinserverConnecter;
import org.jzrepl.transport.stdinserver.StdinserverListener;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.Zfs;

/**
 * The two "hosts" of a pull replication in one test JVM, with real parts between them: a source
 * {@link PassiveJob} on a stdinserver socket, OpenSSH sshd on loopback whose forced command hands
 * the connection to that socket, and a pull {@link ActiveJob} dialling through MINA. Both sides
 * use the testbed's zfs (different datasets of one pool).
 */
final class PullRig implements AutoCloseable {
    static final String IDENTITY = "puller";
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);

    private final TestSshd sshd;
    private final Path sockdir;

    private PullRig(TestSshd sshd, Path sockdir) {
        this.sshd = sshd;
        this.sockdir = sockdir;
    }

    static PullRig start(Path dir) throws IOException, InterruptedException {
        TestSshd sshd = TestSshd.start(dir.resolve("sshd"));
        Path sockdir = Files.createDirectory(dir.resolve("sock"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        sshd.authorize(ForcedCommand.shellLine(ForcedCommand.javaArgv(sockdir, IDENTITY)), sshd.clientPublicKey());
        return new PullRig(sshd, sockdir);
    }

    /** A started source job named {@code name} serving {@code filter} to identity {@value #IDENTITY}. */
    PassiveJob source(String name, Zfs zfs, FilesystemFilter filter) throws JobStartException {
        PassiveJob job = PassiveJob.source(name, List.of("stdinserver " + sockdir.resolve(IDENTITY)),
                () -> StdinserverListener.open(sockdir, List.of(IDENTITY), Runners.shared()),
                new ZfsSender(zfs, name, filter, ZfsSender.sendFlags(SendOptions.DEFAULT)), RpcSettings.defaults(Runners.shared()),
                Runners.shared(), List.of());
        job.start();
        return job;
    }

    /** A dialling connecter to the source through sshd. */
    Connecter connecter() {
        return new SshStdinserverConnecter(sshd.settings().withDialTimeout(Duration.ofSeconds(30)));
    }

    /** A started, manual pull job into {@code root} (which must exist) through {@code connecter}. */
    ActiveJob pull(String name, Zfs zfs, DatasetPath root, InitialReplication initial, Connecter connecter) {
        DriverSettings settings = DriverSettings.fromConfig(ReplicationOptions.DEFAULT, initial)
                .withRetries(3, Duration.ofSeconds(60));
        ActiveJob job = ActiveJob.pull(name, Optional.empty(), connecter, RpcSettings.defaults(Runners.shared()),
                ZfsReceiver.forPull(zfs, name, root, RecvOptions.DEFAULT), settings, org.jzrepl.job.KeepRules.NONE,
                Runners.shared(), List.of());
        job.start();
        return job;
    }

    /** Wakes {@code job}, waits for the run to end and returns its final attempt. */
    static AttemptReport run(ActiveJob job) throws InterruptedException {
        long before = ((JobReport.Active) job.report()).runs();
        job.wakeup();
        if (!job.awaitRuns(before + 1, RUN_TIMEOUT)) {
            job.reset();
            throw new AssertionError("replication run did not end within " + RUN_TIMEOUT + ": " + job.report());
        }
        return ((JobReport.Active) job.report()).last();
    }

    /** A job's {@code connect} section (flow style, one line) that dials this rig's sshd. */
    String connectYaml() {
        return "{type: ssh+stdinserver, host: 127.0.0.1, user: " + System.getProperty("user.name") + ", port: "
                + sshd.port() + ", identity_file: " + sshd.clientKey() + ", known_hosts: " + sshd.knownHosts() + "}";
    }

    Path sockdir() {
        return sockdir;
    }

    TestSshd sshd() {
        return sshd;
    }

    String sshdLog() {
        return sshd.log();
    }

    @Override
    public void close() throws InterruptedException {
        sshd.close();
    }
}
