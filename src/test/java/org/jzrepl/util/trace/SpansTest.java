package org.jzrepl.util.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jzrepl.util.log.LogContext;
import org.jzrepl.util.log.LogEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class SpansTest {
    static final String ID = "[0-9A-Za-z]{4}";

    @AfterEach
    void clean() {
        MDC.clear();
    }

    @Test
    void theLogFieldShowsTheStackOutermostFirstAndCloseRestoresIt() {
        assertNull(Spans.stack());
        try (Span run = Spans.begin("run")) {
            try (Span attempt = Spans.begin("attempt")) {
                try (Span step = Spans.begin("step")) {
                    String s = Spans.stack();
                    assertTrue(s.matches("run\\$" + ID + "\\.attempt\\$" + ID + "\\.step\\$" + ID), s);
                    assertEquals("run$" + run.id() + ".attempt$" + attempt.id() + ".step$" + step.id(), s);
                    assertEquals(s, MDC.get(LogContext.SPAN), "what every log line of the thread carries");
                    assertEquals(s, step.stack());
                }
                assertEquals(attempt.stack(), Spans.stack());
                assertEquals(attempt.stack(), MDC.get(LogContext.SPAN));
            }
        }
        assertNull(Spans.stack());
        assertNull(MDC.get(LogContext.SPAN));
    }

    @Test
    void idsAreShortAndDistinct() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            try (Span s = Spans.begin("fs")) {
                assertTrue(s.id().matches(ID), s.id());
                ids.add(s.id());
            }
        }
        assertTrue(ids.size() > 1990, "about 24 random bits each: " + ids.size());
    }

    @Test
    void namesAreCodeConstantsNotText() {
        for (String bad : new String[] {"", "Step", "a.b", "a$b", "pool/a", "step 1", "x".repeat(33), null}) {
            assertThrows(IllegalArgumentException.class, () -> Spans.begin(bad), String.valueOf(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> Spans.begin("fs", "filesystem"), "pairs only");
        assertNull(Spans.stack(), "a refused span leaves the stack alone");
    }

    @Test
    void deepStacksKeepTheirInnermostFrames() {
        List<Span> open = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            open.add(Spans.begin("d" + i));
        }
        String s = Spans.stack();
        assertEquals(TraceNode.MAX_FRAMES, s.split("\\.").length, s);
        assertTrue(s.startsWith("d4$") && s.endsWith("d19$" + open.get(19).id()), s);
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        assertNull(Spans.stack());
    }

    @Test
    void aDetachedSpanIsOnNoStackAndAnyThreadEndsIt() throws Exception {
        int before = Tracing.activeTasks();
        try (Span step = Spans.begin("step")) {
            Span zfs = Spans.detached("zfs", "argv", "send pool/a@s1");
            assertEquals(step.stack(), Spans.stack(), "not on the thread's stack");
            assertEquals(step.stack() + ".zfs$" + zfs.id(), zfs.stack(), "but a child of the current span");
            assertEquals(before + 2, Tracing.activeTasks());
            Thread t = new Thread(zfs::close);
            t.start();
            t.join();
            assertEquals(before + 1, Tracing.activeTasks());
            zfs.close();    // twice: nothing
            assertEquals(before + 1, Tracing.activeTasks());
        }
        assertEquals(before, Tracing.activeTasks());
    }

    @Test
    void beginAndEndAreLoggedAtDebugWithTheIdAndTheDuration() {
        try (LogCapture log = new LogCapture(); Span run = Spans.begin("run")) {
            try (Span step = Spans.begin("step")) {
                List<LogEntry> lines = log.from(Spans.class.getName());
                LogEntry begin = lines.get(lines.size() - 1);
                assertEquals(LogEntry.Level.DEBUG, begin.level());
                assertEquals("begin step$" + step.id(), begin.message());
                assertEquals(step.stack(), begin.span(), "the begin line is inside the span");
            }
            List<LogEntry> lines = log.from(Spans.class.getName());
            LogEntry end = lines.get(lines.size() - 1);
            assertTrue(end.message().matches("end step\\$" + ID + " after [0-9]+\\.[0-9] ms"), end.message());
            assertTrue(end.span().endsWith(".step$" + end.message().substring(9, 13)), "the end line too: " + end.span());
            assertEquals(run.stack(), MDC.get(LogContext.SPAN));
        }
    }

    @Test
    void closingAnOuterSpanFirstStillRestoresTheStackBeforeIt() {
        Span run = Spans.begin("run");
        Span leaked = Spans.begin("leaked");
        run.close();
        assertNull(Spans.stack(), "back to what was current before run");
        leaked.close();
        assertNull(Spans.stack());
    }
}
