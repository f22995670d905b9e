package org.jzrepl.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The switch's own rules: binding per thread, carrying to another thread, killing now and later. */
class KillSwitchTest {

    @Test
    void aBindingIsTheCurrentThreadsUntilClosedAndRestoresTheOneBefore() {
        KillSwitch outer = new KillSwitch("outer");
        KillSwitch inner = new KillSwitch("inner");
        assertEquals(Optional.empty(), KillSwitch.current());
        try (KillSwitch.Binding a = outer.bind()) {
            try (KillSwitch.Binding b = inner.bind()) {
                assertSame(inner, KillSwitch.current().orElseThrow());
            }
            assertSame(outer, KillSwitch.current().orElseThrow());
        }
        assertEquals(Optional.empty(), KillSwitch.current());
    }

    @Test
    void anotherThreadHasNoSwitchUnlessTheTaskIsCarried() throws Exception {
        KillSwitch s = new KillSwitch("step");
        AtomicReference<Optional<KillSwitch>> plain = new AtomicReference<>();
        AtomicReference<Optional<KillSwitch>> carried = new AtomicReference<>();
        try (KillSwitch.Binding b = s.bind()) {
            Thread t1 = new Thread(() -> plain.set(KillSwitch.current()));
            Thread t2 = new Thread(KillSwitch.carry(() -> carried.set(KillSwitch.current())));
            t1.start();
            t2.start();
            t1.join();
            t2.join();
        }
        assertEquals(Optional.empty(), plain.get());
        assertSame(s, carried.get().orElseThrow());
    }

    @Test
    void tripKillsWhatRunsButNotWhatEndedAndKeepsTheFirstReason() {
        KillSwitch s = new KillSwitch("step");
        List<String> killed = new ArrayList<>();
        s.register(() -> killed.add("recv"));
        KillSwitch.Registration ended = s.register(() -> killed.add("hold"));
        ended.ended();
        assertEquals(1, s.running());

        assertEquals(1, s.trip("no progress for 5m"));
        assertEquals(0, s.trip("again"));

        assertEquals(List.of("recv"), killed);
        assertEquals(Optional.of("no progress for 5m"), s.tripped());
        assertEquals(0, s.running());
    }

    @Test
    void aProcessRegisteredAfterTheTripIsKilledAtOnce() {
        KillSwitch s = new KillSwitch("step");
        assertFalse(s.tripped().isPresent());
        s.trip("stalled");
        List<String> killed = new ArrayList<>();
        s.register(() -> killed.add("late send")).ended();
        assertEquals(List.of("late send"), killed);
        assertTrue(s.tripped().isPresent());
        assertEquals(0, s.running());
    }
}
