package org.jzrepl.replication.driver;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Opens {@link FakeSession}s on one world; queued failures are thrown by the next opens. */
final class FakeConnector implements EndpointConnector {

    private final FakeWorld world;
    private final Deque<IOException> failures = new ArrayDeque<>();
    private final List<FakeSession> sessions = new ArrayList<>();
    private int attempts;
    private final java.util.Map<Integer, Runnable> beforeOpen = new java.util.HashMap<>();

    FakeConnector(FakeWorld world) {
        this.world = world;
    }

    /** The next {@code open()} calls fail with these, in order. */
    synchronized FakeConnector failNext(IOException... f) {
        failures.addAll(List.of(f));
        return this;
    }

    /** Runs {@code action} at the start of the {@code n}th call of {@code open()} (1-based). */
    synchronized FakeConnector beforeOpen(int n, Runnable action) {
        beforeOpen.put(n, action);
        return this;
    }

    @Override
    public synchronized EndpointSession open() throws IOException {
        attempts++;
        beforeOpen.getOrDefault(attempts, () -> { }).run();
        IOException f = failures.poll();
        if (f != null) {
            throw f;
        }
        FakeSession s = new FakeSession(world, sessions.size() + 1);
        sessions.add(s);
        return s;
    }

    synchronized List<FakeSession> sessions() {
        return List.copyOf(sessions);
    }

    /** Calls of {@code open()}, failed ones included. */
    synchronized int attempts() {
        return attempts;
    }
}
