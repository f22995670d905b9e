package org.jzrepl.replication.plan;

import static org.jzrepl.replication.plan.Fixtures.versions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jzrepl.zfs.DatasetPath;

/** Whole-plan rules: pairing by path, parents before children, one conflict never blocks others. */
class PlanOrderingTest {

    private static SenderFilesystem snd(String path, String spec) {
        return new SenderFilesystem(DatasetPath.parse(path), versions(spec));
    }

    private static ReceiverFilesystem rcv(String path, String spec) {
        return new ReceiverFilesystem(DatasetPath.parse(path), versions(spec), Optional.empty(), false);
    }

    private static List<SenderFilesystem> senders(String... paths) {
        return Arrays.stream(paths).map(p -> snd(p, "@s1/1/10")).toList();
    }

    static Stream<Arguments> orderCases() {
        return Stream.of(
                Arguments.of("parentsBeforeChildren",
                        senders("tank/a/b/c", "tank/a", "tank/a/b", "tank"),
                        List.of("tank", "tank/a", "tank/a/b", "tank/a/b/c"),
                        List.of("-", "tank", "tank/a", "tank/a/b")),
                Arguments.of("siblingsAfterTheWholeSubtreeOfTheirElderSibling",
                        senders("tank/b", "tank/a/x", "tank/a", "tank/a-b"),
                        List.of("tank/a", "tank/a/x", "tank/a-b", "tank/b"),
                        List.of("-", "tank/a", "-", "-")),
                Arguments.of("parentIsTheNearestAncestorInThePlanWhenIntermediatesAreFiltered",
                        senders("pool/vm/disks/d1", "pool"),
                        List.of("pool", "pool/vm/disks/d1"),
                        List.of("-", "pool")),
                Arguments.of("filesystemsOfSeveralPoolsAreIndependent",
                        senders("b/x", "a/x", "b", "a"),
                        List.of("a", "a/x", "b", "b/x"),
                        List.of("-", "a", "-", "b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderCases")
    void ordersParentsBeforeChildren(String name, List<SenderFilesystem> senders, List<String> order,
                                     List<String> parents) {
        Plan plan = Planner.plan(senders, List.of(), PlanPolicy.DEFAULT);
        assertEquals(order, plan.filesystems().stream().map(p -> p.fs().name()).toList());
        assertEquals(parents, plan.filesystems().stream()
                .map(p -> p.parent().map(DatasetPath::name).orElse("-")).toList());
        for (FilesystemPlan p : plan.filesystems()) {
            assertTrue(p.steps().stream().allMatch(s -> s.fs().equals(p.fs())), "steps carry their filesystem");
        }
    }

    @Test
    void pairsByPathAndIgnoresReceiverOnlyFilesystems() {
        Plan plan = Planner.plan(
                List.of(snd("tank/a", "@s1/1/10 @s2/2/20"), snd("tank/b", "@s1/11/10")),
                List.of(rcv("tank/a", "@s1/1/3"), rcv("tank/b", "@s1/11/4"), rcv("tank/gone", "@s1/5/5")),
                PlanPolicy.DEFAULT);
        assertEquals(2, plan.filesystems().size());
        assertEquals(List.of("tank/a: @s1 -> @s2"), plan.steps().stream().map(Step::describe).toList());
        assertInstanceOf(Outcome.UpToDate.class, plan.get(DatasetPath.parse("tank/b")).orElseThrow().outcome());
        assertTrue(plan.get(DatasetPath.parse("tank/gone")).isEmpty(), "receiver-only filesystems are not planned");
    }

    @Test
    void oneConflictDoesNotStopOtherFilesystems() {
        Plan plan = Planner.plan(
                List.of(snd("tank", "@s1/1/10"), snd("tank/bad", "#b/2/20"), snd("tank/bad/child", "@c/3/30")),
                List.of(), PlanPolicy.DEFAULT);
        assertEquals(List.of("tank: full @s1", "tank/bad/child: full @c"),
                plan.steps().stream().map(Step::describe).toList());
        assertEquals(List.of(DatasetPath.parse("tank/bad")), plan.conflicts().stream().map(Conflict::fs).toList());
        assertEquals(Optional.of(DatasetPath.parse("tank/bad")),
                plan.get(DatasetPath.parse("tank/bad/child")).orElseThrow().parent());
    }

    @Test
    void senderPlaceholderSendsNothingButStillOrdersItsChildren() {
        Plan plan = Planner.plan(
                List.of(new SenderFilesystem(DatasetPath.parse("tank/ph"), List.of(), true),
                        snd("tank/ph/data", "@s1/1/10")),
                List.of(), PlanPolicy.DEFAULT);
        assertInstanceOf(Outcome.SenderPlaceholder.class, plan.filesystems().get(0).outcome());
        assertEquals(List.of("tank/ph/data: full @s1"), plan.steps().stream().map(Step::describe).toList());
    }

    @Test
    void rejectsFilesystemListedTwiceBySender() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Planner.plan(senders("tank/a", "tank/a"), List.of(), PlanPolicy.DEFAULT));
        assertEquals("the sender lists tank/a twice", e.getMessage());
    }

    @Test
    void rejectsFilesystemListedTwiceByReceiver() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Planner.plan(senders("tank/a"), List.of(rcv("tank/a", ""), rcv("tank/a", "")),
                        PlanPolicy.DEFAULT));
        assertEquals("the receiver lists tank/a twice", e.getMessage());
    }

    @Test
    void rejectsReceiverPairedWithAnotherFilesystem() {
        assertThrows(IllegalArgumentException.class, () -> Planner.planFilesystem(snd("tank/a", "@s1/1/1"),
                Optional.of(rcv("tank/b", "")), PlanPolicy.DEFAULT));
    }

    @Test
    void shuffledTreeOfTwoThousandFilesystemsKeepsEveryChildAfterItsParent() {
        List<SenderFilesystem> tree = new ArrayList<>();
        for (int g = 0; g < 20; g++) {
            tree.add(snd("tank/g" + g, "@s1/1/10"));
            for (int i = 0; i < 99; i++) {
                tree.add(snd("tank/g" + g + (i % 2 == 0 ? "/fs" + i : "/fs" + (i - 1) + "/sub"), "@s1/1/10"));
            }
        }
        Collections.shuffle(tree, new Random(42));
        Plan plan = Planner.plan(tree, List.of(), PlanPolicy.DEFAULT);
        assertEquals(2000, plan.filesystems().size());
        Set<DatasetPath> seen = new HashSet<>();
        for (FilesystemPlan p : plan.filesystems()) {
            p.parent().ifPresent(parent -> assertTrue(seen.contains(parent), p.fs() + " after " + parent));
            seen.add(p.fs());
        }
        assertEquals(1980, plan.filesystems().stream().filter(p -> p.parent().isPresent()).count());
    }
}
