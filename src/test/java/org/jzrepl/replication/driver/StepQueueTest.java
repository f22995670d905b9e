package org.jzrepl.replication.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jzrepl.replication.plan.Step;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.VersionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class StepQueueTest {

    private static long guid = 1;

    /** Steps of {@code fs} to snapshots created at these minutes. */
    private static StepQueue.Planned fs(String fs, String waitFor, int... minutes) {
        DatasetPath p = DatasetPath.parse(fs);
        List<Step> steps = new ArrayList<>();
        for (int m : minutes) {
            FilesystemVersion to = new FilesystemVersion(VersionType.SNAPSHOT, "m" + m, new Guid(guid++), m,
                    Instant.ofEpochSecond(60L * m));
            steps.add(new Step(p, Optional.empty(), to, Optional.empty()));
        }
        return new StepQueue.Planned(p, steps, Optional.ofNullable(waitFor).map(DatasetPath::parse));
    }

    private static String name(StepQueue.Task t) {
        return t.fs() + "@" + t.step().to().name();
    }

    private static List<String> drainInOrder(StepQueue q) throws InterruptedException {
        List<String> out = new ArrayList<>();
        Optional<StepQueue.Task> t;
        while ((t = q.take()).isPresent()) {
            out.add(name(t.get()));
            q.completed(t.get());
        }
        return out;
    }

    @Test
    void oldestTargetFirstAcrossFilesystemsAndInOrderWithinOne() throws Exception {
        StepQueue q = new StepQueue(List.of(fs("p/a", null, 1, 4, 5), fs("p/b", null, 2, 3, 6)));
        assertEquals(List.of("p/a@m1", "p/b@m2", "p/b@m3", "p/a@m4", "p/a@m5", "p/b@m6"), drainInOrder(q));
    }

    @Test
    void aFilesystemRunsOneStepAtATime() throws Exception {
        StepQueue q = new StepQueue(List.of(fs("p/a", null, 1, 2), fs("p/b", null, 5)));
        StepQueue.Task first = q.take().orElseThrow();
        StepQueue.Task second = q.take().orElseThrow();
        assertEquals("p/a@m1", name(first));
        assertEquals("p/b@m5", name(second), "p/a@m2 waits for p/a@m1 although it is older");
        q.completed(first);
        assertEquals("p/a@m2", name(q.take().orElseThrow()));
    }

    @Test
    void aWaitingChildGoesAfterItsParentsFirstStepEvenIfOlder() throws Exception {
        StepQueue q = new StepQueue(List.of(fs("p/a", null, 5, 6), fs("p/a/c", "p/a", 1)));
        StepQueue.Task parent = q.take().orElseThrow();
        assertEquals("p/a@m5", name(parent));
        assertEquals(List.of(DatasetPath.parse("p/a/c")), q.completed(parent));
        assertEquals("p/a/c@m1", name(q.take().orElseThrow()));
    }

    @Test
    void takeBlocksWhileTheOnlyWorkLeftWaitsForARunningStep() throws Exception {
        StepQueue q = new StepQueue(List.of(fs("p/a", null, 1), fs("p/a/c", "p/a", 2)));
        StepQueue.Task parent = q.take().orElseThrow();
        CompletableFuture<Optional<StepQueue.Task>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return q.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        assertTrue(!waiting.isDone(), "take waits for the parent");
        q.completed(parent);
        assertEquals("p/a/c@m2", name(waiting.get(5, TimeUnit.SECONDS).orElseThrow()));
    }

    @Test
    void aFailedFirstStepAbandonsWaitersTransitivelyAndLaterStepsOfItsFilesystem() throws Exception {
        StepQueue q = new StepQueue(List.of(fs("p/a", null, 1, 2), fs("p/a/b", "p/a", 3), fs("p/a/b/c", "p/a/b", 4),
                fs("p/z", null, 9)));
        StepQueue.Task a = q.take().orElseThrow();
        List<StepQueue.Abandoned> abandoned = q.failed(a);
        assertEquals(List.of(new StepQueue.Abandoned(DatasetPath.parse("p/a/b"), DatasetPath.parse("p/a")),
                new StepQueue.Abandoned(DatasetPath.parse("p/a/b/c"), DatasetPath.parse("p/a/b"))), abandoned);
        assertEquals(List.of("p/z@m9"), drainInOrder(q));
    }

    @Test
    void aLaterStepFailingLeavesAlreadyReleasedChildrenAlone() throws Exception {
        StepQueue q = new StepQueue(List.of(fs("p/a", null, 1, 3), fs("p/a/b", "p/a", 2)));
        q.completed(q.take().orElseThrow());
        StepQueue.Task child = q.take().orElseThrow();
        assertEquals("p/a/b@m2", name(child));
        StepQueue.Task second = q.take().orElseThrow();
        assertEquals(List.of(), q.failed(second));
        q.completed(child);
        assertEquals(Optional.empty(), q.take());
    }

    @Test
    void stopEndsTakeForEveryWorkerAndGiveBackReturnsATask() throws Exception {
        StepQueue q = new StepQueue(List.of(fs("p/a", null, 1), fs("p/b", null, 2)));
        StepQueue.Task t = q.take().orElseThrow();
        q.giveBack(t);
        assertEquals("p/a@m1", name(q.take().orElseThrow()), "given back, so handed out again");
        q.stop();
        assertEquals(Optional.empty(), q.take());
    }

    @Test
    void rejectsWaitingForAFilesystemThatIsNotQueued() {
        assertThrows(IllegalArgumentException.class, () -> new StepQueue(List.of(fs("p/a/b", "p/a", 1))));
        assertThrows(IllegalStateException.class, () -> {
            StepQueue q = new StepQueue(List.of(fs("p/a", null, 1)));
            q.completed(new StepQueue.Task(DatasetPath.parse("p/a"), 0, fs("p/a", null, 1).steps().get(0)));
        });
    }
}
