package org.jzrepl.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jzrepl.config.ConfigLoader;
import org.jzrepl.endpoint.Abstraction;
import org.jzrepl.endpoint.AbstractionType;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.VersionType;

/**
 * The stale holds and cursors check limited to this config: named on the datasets its jobs cover,
 * a bounded summary of jobs gone from the config elsewhere, nothing about other datasets' leftovers
 * of configured jobs.
 */
class StaleDiagnosisTest {

    /** A pull into backup/pulled, a source of tank/data< without tank/data/tmp, a snap of tank/home. */
    static final Coverage COVERAGE = Coverage.of(config());
    static final Set<String> CONFIGURED = Set.of("pull", "src", "snap");
    static final String FIX = "jzrepl zfs-abstraction release-stale   (list them first with --dry-run)";

    private static List<org.jzrepl.config.JobConfig> config() {
        try {
            return ConfigLoader.load("""
                    jobs:
                      - name: pull
                        type: pull
                        connect: {type: local, listener_name: l, client_identity: me}
                        root_fs: backup/pulled
                        interval: manual
                        pruning: {keep_sender: [], keep_receiver: []}
                      - name: src
                        type: source
                        serve: {type: local, listener_name: l2}
                        filesystems: {"tank/data<": true, "tank/data/tmp": false}
                        snapshotting: {type: manual}
                      - name: snap
                        type: snap
                        filesystems: {"tank/home": true}
                        snapshotting: {type: manual}
                        pruning: {keep: []}
                    """, Path.of("jzrepl.yml")).jobs();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Abstraction hold(String fs, String job) {
        FilesystemVersion s1 = new FilesystemVersion(VersionType.SNAPSHOT, "s1", new Guid(5), 10, Instant.EPOCH);
        return new Abstraction(AbstractionType.LAST_RECEIVED_HOLD, DatasetPath.parse(fs), s1,
                "jzrepl_last_received_J_" + job, job, false);
    }

    private static Abstraction cursor(String fs, String job) {
        FilesystemVersion b = new FilesystemVersion(VersionType.BOOKMARK, "jzrepl_CURSOR_G_0000000000000005_J_" + job,
                new Guid(5), 10, Instant.EPOCH);
        return new Abstraction(AbstractionType.CURSOR, DatasetPath.parse(fs), b, b.name(), job, false);
    }

    private static List<Abstraction> many(int n, String fsPrefix, String jobPrefix, int jobs) {
        List<Abstraction> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(hold(fsPrefix + i, jobPrefix + (i % jobs)));
        }
        return out;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nothing stale", List.of(), true,
                        "none stale on the datasets of this host's jobs, none of jobs gone from the config elsewhere"),
                Arguments.of("a gone job's hold below the pull's root_fs is named",
                        List.of(hold("backup/pulled/tank/a", "old")), false,
                        "1 stale hold or cursor on the datasets of this host's jobs keeps snapshots from being pruned"
                                + " (of jobs gone from the config: old): hold jzrepl_last_received_J_old on"
                                + " backup/pulled/tank/a@s1 (job old)"),
                Arguments.of("a configured job's older cursor on a source dataset is named, no job is gone",
                        List.of(cursor("tank/data/x", "src")), false,
                        "1 stale hold or cursor on the datasets of this host's jobs keeps snapshots from being pruned:"
                                + " bookmark tank/data/x#jzrepl_CURSOR_G_0000000000000005_J_src (job src)"),
                Arguments.of("a configured job's leftovers on datasets no job covers are not this config's business",
                        List.of(cursor("tank/data/tmp", "src"), hold("other/fs", "pull"), hold("backup/elsewhere", "pull")),
                        true, "none stale on the datasets of this host's jobs, none of jobs gone from the config elsewhere"),
                Arguments.of("gone jobs elsewhere: one bounded summary, no dataset named",
                        many(8, "other/fs", "gone", 7), false,
                        "8 holds and cursors of jobs gone from the config on other datasets"
                                + " (gone0, gone1, gone2, gone3, gone4 and 2 more)"),
                Arguments.of("only the first five on covered datasets are named",
                        coveredSeven(), false,
                        "7 stale holds and cursors on the datasets of this host's jobs keep snapshots from being pruned"
                                + " (of jobs gone from the config: old0): hold jzrepl_last_received_J_old0 on"
                                + " backup/pulled/p0@s1 (job old0), hold jzrepl_last_received_J_old0 on"
                                + " backup/pulled/p1@s1 (job old0), hold jzrepl_last_received_J_old0 on"
                                + " backup/pulled/p2@s1 (job old0), hold jzrepl_last_received_J_old0 on"
                                + " backup/pulled/p3@s1 (job old0), hold jzrepl_last_received_J_old0 on"
                                + " backup/pulled/p4@s1 (job old0) and 2 more"),
                Arguments.of("both: named here, summarized elsewhere",
                        List.of(hold("tank/home", "old"), hold("other/a", "old"), hold("other/b", "older")), false,
                        "1 stale hold or cursor on the datasets of this host's jobs keeps snapshots from being pruned"
                                + " (of jobs gone from the config: old): hold jzrepl_last_received_J_old on"
                                + " tank/home@s1 (job old); 2 holds and cursors of jobs gone from the config on other"
                                + " datasets (old, older)"));
    }

    private static List<Abstraction> coveredSeven() {
        return many(7, "backup/pulled/p", "old", 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesOnlyWhatConcernsThisConfig(String name, List<Abstraction> stale, boolean ok, String sentence) {
        Finding f = StaleDiagnosis.of(stale, CONFIGURED, COVERAGE);
        assertEquals(ok, f.ok(), f.line());
        assertEquals(sentence, f.sentence());
        assertEquals(ok ? null : FIX, f.fix());
        assertEquals("holds and cursors", f.subject());
    }

    @Test
    void coverageIsTheFiltersAndTheTreesBelowEachRootFs() {
        assertTrue(COVERAGE.test(DatasetPath.parse("backup/pulled")));
        assertTrue(COVERAGE.test(DatasetPath.parse("backup/pulled/tank/data/a")));
        assertFalse(COVERAGE.test(DatasetPath.parse("backup/pulledx")), "component-wise, not a string prefix");
        assertFalse(COVERAGE.test(DatasetPath.parse("backup")));
        assertTrue(COVERAGE.test(DatasetPath.parse("tank/data/a/b")));
        assertFalse(COVERAGE.test(DatasetPath.parse("tank/data/tmp")), "excluded by the source's filter");
        assertTrue(COVERAGE.test(DatasetPath.parse("tank/home")));
        assertFalse(COVERAGE.test(DatasetPath.parse("tank/home/child")), "the snap job names tank/home alone");
    }

    @Test
    void namesFromZfsAreEscaped() {
        FilesystemVersion s1 = new FilesystemVersion(VersionType.SNAPSHOT, "s1", new Guid(5), 10, Instant.EPOCH);
        Abstraction evil = new Abstraction(AbstractionType.STEP_HOLD, DatasetPath.parse("tank/home"), s1,
                "jzrepl_STEP_J_x\u001b[2J", "x\u001b[2J", false);
        Finding f = StaleDiagnosis.of(List.of(evil), CONFIGURED, COVERAGE);
        assertFalse(f.sentence().contains("\u001b"), f.sentence());
    }
}
