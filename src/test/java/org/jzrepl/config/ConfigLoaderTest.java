package org.jzrepl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jzrepl.zfs.DatasetPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static JzreplConfig load(String yaml) throws ConfigException {
        return ConfigLoader.load(yaml, Path.of("t.yml"));
    }

    @Test
    void emptyDocumentGivesDefaultsAndNoJobs() throws ConfigException {
        JzreplConfig c = load("");
        assertEquals(GlobalConfig.DEFAULT, c.global());
        assertEquals(List.of(), c.jobs());
        assertEquals(List.of(LoggingOutlet.Stdout.DEFAULT), c.global().logging());
        assertEquals(Path.of("/var/run/jzrepl/control"), c.global().controlSockpath());
        assertEquals(Path.of("/var/run/jzrepl/stdinserver"), c.global().stdinserverSockdir());
    }

    @Test
    void omittedSectionsTakeZreplDefaults() throws ConfigException {
        JzreplConfig c = load("jobs:\n- name: p\n  type: pull\n"
                + "  connect: {type: ssh+stdinserver, host: h, user: u, port: 22, identity_file: /k}\n"
                + "  root_fs: b\n  interval: 10m\n  pruning: {keep_sender: [], keep_receiver: []}\n");
        JobConfig.Pull p = (JobConfig.Pull) c.jobs().get(0);
        assertEquals(Optional.of(Duration.ofMinutes(10)), p.interval());
        assertEquals(ReplicationOptions.DEFAULT, p.replication());
        assertEquals(ProtectionGuarantee.GUARANTEE_RESUMABILITY, p.replication().initialProtection());
        assertEquals(1, p.replication().steps());
        assertEquals(4, p.replication().sizeEstimates());
        assertEquals(Duration.ofMinutes(5), p.replication().stallTimeout());
        assertEquals(InitialReplication.MOST_RECENT, p.conflictResolution().initialReplication());
        assertEquals(ConflictResolution.UnresumablePartialReceive.FAIL, p.conflictResolution().unresumablePartialReceive(),
                "a partial receive is never discarded unless asked");
        assertEquals(RecvOptions.DEFAULT, p.recv());
        ConnectConfig.SshStdinserver ssh = (ConnectConfig.SshStdinserver) p.connect();
        assertEquals(Duration.ofSeconds(10), ssh.dialTimeout());
        assertEquals("~/.ssh/known_hosts", ssh.knownHosts());
        assertEquals(Path.of("/root/.ssh/known_hosts"), ssh.knownHostsPath(Path.of("/root")));
        assertEquals(List.of(), ssh.options());
    }

    @Test
    void replicationTimeoutStallTakesADurationAndZeroTurnsItOff() throws ConfigException {
        String job = "jobs:\n- name: p\n  type: pull\n"
                + "  connect: {type: ssh+stdinserver, host: h, user: u, port: 22, identity_file: /k}\n"
                + "  root_fs: b\n  interval: 10m\n  pruning: {keep_sender: [], keep_receiver: []}\n"
                + "  replication: {timeout: {stall: %s}}\n";
        assertEquals(Duration.ofSeconds(90),
                ((JobConfig.Pull) load(job.formatted("1m30s")).jobs().get(0)).replication().stallTimeout());
        assertEquals(Duration.ZERO, ((JobConfig.Pull) load(job.formatted("0s")).jobs().get(0)).replication().stallTimeout());
        ConfigException e = assertThrows(ConfigException.class, () -> load(job.formatted("-5m")));
        assertTrue(e.getMessage().contains("jobs[0].replication.timeout.stall: duration must not be negative"),
                e.getMessage());
        e = assertThrows(ConfigException.class, () -> load(job.formatted("{idle: 5m}")));
        assertTrue(e.getMessage().contains("jobs[0].replication.timeout"), e.getMessage());
    }

    @Test
    void hookAndSnapshottingDefaults() throws ConfigException {
        JzreplConfig c = load("jobs:\n- name: s\n  type: snap\n  filesystems: {'<': true}\n"
                + "  snapshotting: {type: periodic, prefix: p_, interval: 1h, hooks: [{type: command, path: /x}]}\n"
                + "  pruning: {keep: [{type: last_n, count: 2}]}\n");
        JobConfig.Snap s = (JobConfig.Snap) c.jobs().get(0);
        SnapshottingConfig.Periodic p = (SnapshottingConfig.Periodic) s.snapshotting();
        assertEquals("dense", p.timestampFormat());
        assertEquals("UTC", p.timestampLocation());
        assertEquals(new HookConfig.Command(Path.of("/x"), Duration.ofSeconds(30), FilesystemFilter.ALL, false),
                p.hooks().get(0));
        assertEquals(new KeepRule.LastN(2, ".*"), s.keep().get(0));
    }

    @Test
    void serveTakesConnectionCapsAndIdleTimeWithDefaults() throws ConfigException {
        JzreplConfig c = load("jobs:\n- {name: s, type: sink, serve: {type: local, listener_name: l}, root_fs: a}\n"
                + "- name: src\n  type: source\n  filesystems: {'t<': true}\n  snapshotting: {type: manual}\n"
                + "  serve: {type: stdinserver, client_identities: [b1], max_connections_per_identity: 4,"
                + " max_connections: 8, idle_connection_timeout: 1h}\n");
        assertEquals(new ServeLimits(16, 256, Duration.ofMinutes(10)), ((JobConfig.Sink) c.job("s").orElseThrow()).serve().limits());
        assertEquals(ServeLimits.DEFAULT, ((JobConfig.Sink) c.job("s").orElseThrow()).serve().limits());
        assertEquals(new ServeLimits(4, 8, Duration.ofHours(1)), ((JobConfig.Source) c.job("src").orElseThrow()).serve().limits());
    }

    @Test
    void localConnectDialTimeoutDefaultsToTwoSeconds() throws ConfigException {
        JzreplConfig c = load("jobs:\n- {name: s, type: sink, serve: {type: local, listener_name: l}, root_fs: a}\n"
                + "- name: p\n  type: push\n  connect: {type: local, listener_name: l, client_identity: me}\n"
                + "  filesystems: {'t<': true}\n  snapshotting: {type: manual}\n"
                + "  pruning: {keep_sender: [], keep_receiver: []}\n");
        JobConfig.Push p = (JobConfig.Push) c.job("p").orElseThrow();
        assertEquals(Duration.ofSeconds(2), p.connect().dialTimeout());
        assertEquals(SendOptions.DEFAULT, p.send());
        assertTrue(p.send().bandwidthLimit().unlimited());
        assertEquals(128 * 1024, (long) p.send().bandwidthLimit().bucketCapacity().bytes());
    }

    @Test
    void missingFileIsOneLocatedError() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Path.of("/nonexistent/j.yml")));
        assertEquals("/nonexistent/j.yml:1:1: cannot read config file: no such file", e.errors().get(0).toString());
        assertEquals(e.errors().get(0).toString(), e.getMessage());
    }

    @Test
    void includedDirectoryContributesItsYmlFilesInNameOrder(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve("jobs.d"));
        String snap = "jobs:\n- {name: %s, type: snap, filesystems: {'t<': true}, snapshotting: {type: manual},"
                + " pruning: {keep: []}}\n";
        Files.writeString(dir.resolve("jobs.d/b.yml"), String.format(snap, "second"));
        Files.writeString(dir.resolve("jobs.d/a.yml"), String.format(snap, "first"));
        Files.writeString(dir.resolve("jobs.d/c.yml.disabled"), String.format(snap, "ignored"));
        Files.writeString(dir.resolve("main.yml"), "include: [jobs.d]\n");
        JzreplConfig c = ConfigLoader.load(dir.resolve("main.yml"));
        assertEquals(List.of("first", "second"), c.jobs().stream().map(JobConfig::name).toList());
    }

    @Test
    void errorsInIncludedFilesNameThatFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.yml"), "jobs:\n- name: x\n  type: snap\n");
        Files.writeString(dir.resolve("main.yml"), "include: [bad.yml]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("main.yml")));
        String f = dir.resolve("bad.yml").toString();
        assertEquals(List.of(f + ":2:3: jobs[0].filesystems: required key is missing",
                f + ":2:3: jobs[0].snapshotting: required key is missing",
                f + ":2:3: jobs[0].pruning: required key is missing"),
                e.errors().stream().map(ConfigError::toString).toList());
    }

    @Test
    void errorToStringHasFileLineColumnKeyPathMessage() {
        assertEquals("jzrepl.yml:14:7: jobs[1].pruning.keep_receiver[0].grid: bad",
                new ConfigError("jzrepl.yml", 14, 7, "jobs[1].pruning.keep_receiver[0].grid", "bad").toString());
        assertEquals("jzrepl.yml:1:1: syntax", new ConfigError("jzrepl.yml", 1, 1, "", "syntax").toString());
    }
}
