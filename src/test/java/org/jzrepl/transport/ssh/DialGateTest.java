package org.jzrepl.transport.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jzrepl.transport.TransportException;

@Timeout(30)
class DialGateTest {
    private final DialGate gate = new DialGate(4, Duration.ofMinutes(5));
    private final DialGate.Group job = new DialGate.Group();

    @Test
    void fiftyDialsAtOnceRunFourAtATimeInArrivalOrder() throws Exception {
        List<DialGate.Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tickets.add(gate.join(new DialGate.Group()));
        }
        assertEquals(4, gate.running());
        assertEquals(46, gate.queued());
        for (int i = 0; i < 50; i++) {
            assertEquals(i < 4, gate.granted(tickets.get(i)), "ticket " + i);
        }
        List<Integer> startOrder = new ArrayList<>(List.of(0, 1, 2, 3));
        for (int done = 0; done < 50; done++) {
            gate.leave(tickets.get(done));
            assertTrue(gate.running() <= 4);
            for (int i = 0; i < 50; i++) {
                if (gate.granted(tickets.get(i)) && !startOrder.contains(i)) {
                    startOrder.add(i);
                }
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add(i);
        }
        assertEquals(expected, startOrder, "each freed slot goes to the oldest queued dial");
        assertEquals(0, gate.running());
        assertEquals(0, gate.queued());
    }

    @Test
    void aQueuedDialThatGivesUpFreesNoSlotAndLeavingTwiceCountsOnce() throws Exception {
        DialGate small = new DialGate(1, Duration.ofMinutes(5));
        DialGate.Ticket a = small.join(job);
        DialGate.Ticket b = small.join(job);
        DialGate.Ticket c = small.join(job);
        small.leave(b);
        assertEquals(1, small.running());
        assertFalse(small.granted(c));
        small.leave(a);
        small.leave(a);
        assertTrue(small.granted(c));
        assertEquals(1, small.running(), "a second leave of the same dial frees nothing");
    }

    @Test
    void enterReturnsAtOnceBelowTheCapAndThePermitFreesItsSlot() throws Exception {
        try (DialGate.Permit p = gate.enter(job, "u@h:22")) {
            assertEquals(1, gate.running());
        }
        assertEquals(0, gate.running());
    }

    @Test
    void aFullQueueFailsAfterTheBoundedWaitNotBeforeASlot() throws Exception {
        DialGate noWait = new DialGate(1, Duration.ZERO);
        try (DialGate.Permit held = noWait.enter(job, "u@h:22")) {
            TransportException e = assertThrows(TransportException.class, () -> noWait.enter(job, "u@h:22"));
            assertEquals(TransportException.Kind.UNREACHABLE, e.kind());
            assertTrue(e.getMessage().contains("at most 1 dials at once"), e.getMessage());
            assertEquals(0, noWait.queued(), "the failed wait left the queue");
        }
    }

    @Test
    void closingAConnecterEndsItsQueuedDialsButNotOthers() throws Exception {
        DialGate small = new DialGate(1, Duration.ofMinutes(5));
        DialGate.Group other = new DialGate.Group();
        DialGate.Permit held = small.enter(other, "u@h:22");
        CompletableFuture<DialGate.Permit> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return small.enter(job, "u@h:22");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        CompletableFuture<DialGate.Permit> otherWaiting = CompletableFuture.supplyAsync(() -> {
            try {
                return small.enter(other, "u@h:22");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (small.queued() < 2 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertEquals(2, small.queued());
        small.cancel(job);
        ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getCause() instanceof ClosedChannelException, e.toString());
        assertThrows(ClosedChannelException.class, () -> small.join(job));
        assertEquals(1, small.queued(), "the other connecter still waits");
        held.close();
        otherWaiting.get(10, TimeUnit.SECONDS).close();
        assertEquals(0, small.running());
    }

    @Test
    void anInterruptedWaitLeavesTheQueue() throws Exception {
        DialGate small = new DialGate(1, Duration.ofMinutes(5));
        DialGate.Permit held = small.enter(job, "u@h:22");
        Thread.currentThread().interrupt();
        assertThrows(java.io.InterruptedIOException.class, () -> small.enter(job, "u@h:22"));
        assertTrue(Thread.interrupted(), "the interrupt status is kept");
        assertEquals(0, small.queued());
        held.close();
    }
}
