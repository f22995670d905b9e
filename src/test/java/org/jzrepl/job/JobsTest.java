package org.jzrepl.job;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jzrepl.config.ConfigLoader;
import org.jzrepl.config.JzreplConfig;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.transport.local.LocalSwitchboard;
import org.jzrepl.zfs.Zfs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/** Jobs built from config text: kinds, and one warning per part this version does not act on. */
class JobsTest {
    private final Zfs zfs = mock(Zfs.class);

    private List<Job> build(String jobs) throws Exception {
        JzreplConfig c = ConfigLoader.load("jobs:\n" + jobs, Path.of("/etc/jzrepl/jzrepl.yml"));
        return Jobs.fromConfig(c, new Jobs.Context(zfs, new LocalSwitchboard(), Path.of("/run/jzrepl/s"),
                Path.of("/root"), RpcSettings.defaults(Runners.shared()), Runners.shared()));
    }

    private static final String PUSH = """
              - name: push1
                type: push
                connect: {type: local, listener_name: backups, client_identity: laptop}
                filesystems: {"pool/home<": true}
                snapshotting: {type: periodic, prefix: zrepl_, interval: 10m}
                pruning:
                  keep_sender: [{type: last_n, count: 10}]
                  keep_receiver: []
            """;
    private static final String SINK = """
              - name: sink1
                type: sink
                serve: {type: local, listener_name: backups}
                root_fs: pool/backups
            """;

    @Test
    void buildsOneJobPerEntryInConfigOrder() throws Exception {
        List<Job> jobs = build(PUSH + SINK + """
                  - name: snapper
                    type: snap
                    filesystems: {"pool<": true}
                    snapshotting: {type: manual}
                    pruning: {keep: []}
                """);
        assertEquals(List.of("push1", "sink1", "snapper"), jobs.stream().map(Job::name).toList());
        assertEquals(List.of("push", "sink", "snap"), jobs.stream().map(Job::type).toList());
        assertEquals(ActiveJob.Mode.PUSH, ((ActiveJob) jobs.get(0)).mode());
        assertEquals(ActiveJob.Mode.SNAP, ((ActiveJob) jobs.get(2)).mode());
        JobReport.Active snap = assertInstanceOf(JobReport.Active.class, jobs.get(2).report());
        assertEquals("manual", snap.snapshotting().type(), "a snap job reports its snapshotter");
        assertEquals(List.of(), snap.warnings(), "no keep rules: nothing to warn about");
        verifyNoInteractions(zfs);
    }

    @Test
    void aBandwidthLimitIsAppliedAndShownInTheStatusWithoutAWarning() throws Exception {
        JobReport.Active limited = (JobReport.Active) build(PUSH.replace("type: push",
                "type: push\n    send: {bandwidth_limit: {max: 4 MiB}}")).get(0).report();
        assertEquals(List.of(), limited.warnings());
        assertEquals("send 4 MiB/s (bucket_capacity 128 KiB)", limited.bandwidthLimit());
        JobReport.Passive sink = (JobReport.Passive) build(SINK.replace("type: sink",
                "type: sink\n    recv: {bandwidth_limit: {max: 12345 B, bucket_capacity: 1 MiB}}")).get(0).report();
        assertEquals("recv 12345 B/s (bucket_capacity 1 MiB)", sink.bandwidthLimit());
        assertEquals(null, ((JobReport.Active) build(PUSH).get(0).report()).bandwidthLimit());
    }

    @Test
    void listenFreebindIsTheOneWarning() throws Exception {
        JobReport.Passive sink = (JobReport.Passive) build(SINK.replace("serve: {type: local, listener_name: backups}",
                "serve: {type: tcp, listen: \"127.0.0.1:0\", listen_freebind: true, clients: {\"10.0.0.1\": a}}"))
                .get(0).report();
        assertEquals(List.of("job sink1: listen_freebind cannot be set per socket by the JVM; the listener binds"
                + " without it (sysctl net.ipv4.ip_nonlocal_bind=1 and net.ipv6.ip_nonlocal_bind=1 do the same for"
                + " the whole host)"), sink.warnings());
        assertEquals(List.of("tcp 127.0.0.1:0"), sink.listening());
    }

    @Test
    void pushJobsPruneBothSidesByTheirKeepRulesWithoutWarnings() throws Exception {
        JobReport.Active push = (JobReport.Active) build(PUSH).get(0).report();
        assertEquals(List.of(), push.warnings(), "snapshotting and pruning are built");
        JobReport.Passive sink = (JobReport.Passive) build(SINK).get(0).report();
        assertEquals(List.of(), sink.warnings());
    }

    @Test
    void aManualPullWithoutPruningHasNoWarningsAndWaits() throws Exception {
        Job pull = build("""
                  - name: pull1
                    type: pull
                    connect: {type: local, listener_name: x, client_identity: me}
                    root_fs: pool/backups
                    interval: manual
                    pruning: {keep_sender: [], keep_receiver: []}
                """).get(0);
        JobReport.Active r = (JobReport.Active) pull.report();
        assertEquals(List.of(), r.warnings());
        assertEquals(ActiveJob.State.STOPPED, r.state());
        assertEquals(0, r.runs());
    }

    @Test
    void passiveJobsRefuseSignals() throws Exception {
        Job sink = build(SINK).get(0);
        UnsupportedSignalException e = assertThrows(UnsupportedSignalException.class, sink::wakeup);
        assertEquals("job 'sink1' is a sink job: wakeup does not apply to it (only pull and push jobs run"
                + " replications)", e.getMessage());
    }
}
