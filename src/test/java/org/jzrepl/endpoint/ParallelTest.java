package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jzrepl.zfs.ZfsException;

@Timeout(20)
class ParallelTest {

    private static ZfsException failure(String what) {
        return new ZfsException(List.of(what), 1, what + " failed");
    }

    @Test
    void bothRunAtOnceTheSecondOnANamedThreadAndTheFirstsResultIsReturned() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        AtomicReference<String> secondThread = new AtomicReference<>();
        String got = Parallel.call("jzrepl-test-second", () -> {
            bothStarted.countDown();
            assertTrue(bothStarted.await(10, TimeUnit.SECONDS), "second never ran alongside");
            return Thread.currentThread().getName();
        }, () -> {
            secondThread.set(Thread.currentThread().getName());
            bothStarted.countDown();
            if (!bothStarted.await(10, TimeUnit.SECONDS)) {
                throw failure("first never ran alongside");
            }
        });
        assertEquals(Thread.currentThread().getName(), got);
        assertEquals("jzrepl-test-second", secondThread.get());
    }

    @Test
    void returnsOnlyAfterTheSecondEndedEvenWhenTheFirstFailedAtOnce() {
        AtomicBoolean secondDone = new AtomicBoolean();
        ZfsException first = failure("first");
        ZfsException thrown = assertThrows(ZfsException.class, () -> Parallel.run("t", () -> {
            throw first;
        }, () -> {
            sleep(300);
            secondDone.set(true);
        }));
        assertSame(first, thrown);
        assertTrue(secondDone.get(), "returned while the second still ran");
        assertEquals(0, thrown.getSuppressed().length);
    }

    @Test
    void whenBothFailTheFirstsFailureIsThrownWithTheSecondsSuppressed() {
        ZfsException first = failure("first");
        ZfsException second = failure("second");
        ZfsException thrown = assertThrows(ZfsException.class, () -> Parallel.run("t", () -> {
            sleep(200);                 // fails last, still comes first
            throw first;
        }, () -> {
            throw second;
        }));
        assertSame(first, thrown);
        assertArrayEquals(new Throwable[] {second}, thrown.getSuppressed());
    }

    @Test
    void theSecondsFailureAloneIsThrownAsItIsUncheckedOnesToo() {
        ZfsException second = failure("second");
        assertSame(second, assertThrows(ZfsException.class, () -> Parallel.run("t", () -> { }, () -> {
            throw second;
        })));
        IllegalStateException bug = new IllegalStateException("bug");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> Parallel.run("t", () -> { }, () -> {
            throw bug;
        })));
    }

    @Test
    void anInterruptWhileWaitingReachesTheSecondWhichEndsAndTheStatusIsKept() throws Exception {
        AtomicBoolean secondInterrupted = new AtomicBoolean();
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            sleep(200);
            caller.interrupt();
        });
        interrupter.start();
        Parallel.run("t", () -> { }, () -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                secondInterrupted.set(true);
            }
        });
        assertTrue(Thread.interrupted(), "interrupt status restored (and cleared here)");
        assertTrue(secondInterrupted.get());
        interrupter.join();
        assertFalse(Thread.currentThread().isInterrupted());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
