package org.jzrepl.snapshot.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jzrepl.zfs.DatasetPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HookSequenceTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final HookEnv ENV = new HookEnv(DatasetPath.parse("pool/a"), "zrepl_1", false);

    /** A hook that records its calls in a shared log; fails its pre part when told to. */
    private record Fake(String name, boolean fatal, boolean failsPre, boolean failsPost, String only, List<String> log)
            implements Hook {
        @Override
        public String describe() {
            return name;
        }

        @Override
        public boolean errIsFatal() {
            return fatal;
        }

        @Override
        public boolean appliesTo(DatasetPath fs) {
            return only == null || fs.name().equals(only);
        }

        @Override
        public Post pre(HookEnv env) throws HookException {
            log.add("pre " + name);
            if (failsPre) {
                throw new HookException(name + " failed");
            }
            return e -> {
                log.add("post " + name);
                if (failsPost) {
                    throw new HookException(name + " post failed");
                }
            };
        }
    }

    /**
     * hooks: name:flags, flags f=fatal, p=pre fails, q=post fails; expected: the call log with
     * SNAP where the snapshot would be taken (only when allowed).
     */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "a b c;         pre a,pre b,pre c,SNAP,post c,post b,post a; false",
        "a b:p c;       pre a,pre b,pre c,SNAP,post c,post a;        true",
        "a b:fp c;      pre a,pre b,post a;                           true",
        "a:fp b;        pre a;                                        true",
        "a:f b:q;       pre a,pre b,SNAP,post b,post a;               true",
        "'';            SNAP;                                         false",
    })
    void runsPreInOrderPostInReverseForSuccessesOnly(String spec, String expected, boolean failed)
            throws Exception {
        List<String> log = new ArrayList<>();
        List<Hook> hooks = new ArrayList<>();
        for (String h : spec.isBlank() ? new String[0] : spec.trim().split(" ")) {
            String[] p = h.split(":");
            String flags = p.length > 1 ? p[1] : "";
            hooks.add(new Fake(p[0], flags.contains("f"), flags.contains("p"), flags.contains("q"), null, log));
        }
        HookSequence seq = HookSequence.select(hooks, ENV.fs(), CLOCK);
        HookSequence.Pre pre = seq.runPre(ENV);
        if (pre.snapshotAllowed()) {
            log.add("SNAP");
        }
        List<HookResult> post = seq.runPost(pre, ENV);
        assertEquals(expected.trim(), String.join(",", log));
        List<HookResult> all = new ArrayList<>(pre.results());
        all.addAll(post);
        assertEquals(failed, HookSequence.failed(all));
    }

    @Test
    void selectsOnlyHooksWhoseFilterMatches() {
        List<String> log = new ArrayList<>();
        List<Hook> hooks = List.of(new Fake("x", false, false, false, "pool/b", log),
                new Fake("y", false, false, false, null, log));
        assertEquals(List.of("y"), HookSequence.select(hooks, ENV.fs(), CLOCK).hooks().stream()
                .map(Hook::describe).toList());
    }

    @Test
    void failedPreReportsItsMessage() throws Exception {
        List<String> log = new ArrayList<>();
        HookSequence seq = HookSequence.select(List.of(new Fake("bad", true, true, false, null, log)), ENV.fs(), CLOCK);
        HookSequence.Pre pre = seq.runPre(ENV);
        assertFalse(pre.snapshotAllowed());
        assertEquals(1, pre.results().size());
        HookResult r = pre.results().get(0);
        assertEquals("bad failed", r.error());
        assertTrue(r.fatal());
        assertEquals(HookResult.Phase.PRE, r.phase());
    }
}
