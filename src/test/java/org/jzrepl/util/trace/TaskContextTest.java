package org.jzrepl.util.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jzrepl.runtime.ThreadTaskRunner;
import org.jzrepl.testing.runtime.FakeTaskRunner;
import org.jzrepl.util.log.LogContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The log context and the span flow from the submitting thread into the task, and no further. */
class TaskContextTest {
    private final Map<String, String> seen = new ConcurrentHashMap<>();

    @AfterEach
    void clean() {
        MDC.clear();
    }

    private void record(String prefix) {
        seen.put(prefix + ".job", String.valueOf(MDC.get(LogContext.JOB)));
        seen.put(prefix + ".span", String.valueOf(Spans.stack()));
        seen.put(prefix + ".thread", Thread.currentThread().getName().split(" ")[0]);
    }

    @Test
    void aTaskSubmittedInsideASpanIsItsChildOnTheFakeRunner() {
        FakeTaskRunner runner = new FakeTaskRunner(Instant.parse("2026-01-01T00:00:00Z"));
        String attemptStack;
        MDC.put(LogContext.JOB, "push1");
        try (Span run = Spans.begin("run"); Span attempt = Spans.begin("attempt")) {
            attemptStack = attempt.stack();
            runner.execute("replication step worker 1", () -> {
                record("worker");
                try (Span step = Spans.begin("step")) {
                    record("step");
                }
            });
            MDC.put(LogContext.JOB, "other");
            runner.runReady();
            assertEquals(attempt.stack(), Spans.stack(), "the test thread's stack is back after the task");
        }
        assertEquals("push1", seen.get("worker.job"), "the submitter's job, not the running thread's");
        assertEquals(attemptStack, seen.get("worker.span"), "a task adds no frame of its own");
        assertTrue(seen.get("step.span").matches(java.util.regex.Pattern.quote(attemptStack) + "\\.step\\$[0-9A-Za-z]{4}"),
                seen.get("step.span"));
        assertEquals("other", MDC.get(LogContext.JOB), "the running thread's context is back after the task");
        assertNull(Spans.stack());
    }

    @Test
    void aReusedWorkerRunsInTheContextOfItsSubmitterNotOfTheThreadThatCreatedIt() throws Exception {
        ThreadTaskRunner runner = new ThreadTaskRunner(Clock.systemUTC());
        try {
            CountDownLatch first = new CountDownLatch(1);
            MDC.put(LogContext.JOB, "push1");
            try (Span run = Spans.begin("run")) {
                runner.execute("first", () -> {
                    record("first");
                    first.countDown();
                });
                assertTrue(first.await(10, TimeUnit.SECONDS));
            }
            MDC.clear();
            Thread.sleep(50);   // the worker is back in the pool, idle
            CountDownLatch second = new CountDownLatch(1);
            runner.execute("second", () -> {
                record("second");
                second.countDown();
            });
            assertTrue(second.await(10, TimeUnit.SECONDS));
            assertEquals("push1", seen.get("first.job"));
            assertTrue(seen.get("first.span").startsWith("run$"), seen.get("first.span"));
            assertEquals(seen.get("first.thread"), seen.get("second.thread"), "the pool reused its worker");
            assertEquals("null", seen.get("second.job"), "no job inherited from the thread that created the worker");
            assertEquals("null", seen.get("second.span"));
        } finally {
            runner.close();
        }
    }

    @Test
    void aScheduledTaskTakesTheContextOfWhenItWasScheduled() throws Exception {
        ThreadTaskRunner runner = new ThreadTaskRunner(Clock.systemUTC());
        try {
            CountDownLatch done = new CountDownLatch(1);
            String tick;
            MDC.put(LogContext.JOB, "snap1");
            try (Span s = Spans.begin("tick")) {
                tick = s.stack();
                runner.schedule("later", Instant.now().plusMillis(100), () -> {
                    record("later");
                    done.countDown();
                });
            }
            MDC.clear();
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals("snap1", seen.get("later.job"));
            assertEquals("null", seen.get("later.span"), "the span " + tick + " had ended: the task is a root");
        } finally {
            runner.close();
        }
    }
}
