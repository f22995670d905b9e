package org.jzrepl.testing.runtime;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** A clock a test (or a fake runner) moves by hand. */
public final class SettableClock extends Clock {
    private volatile Instant now;
    private final ZoneId zone;

    public SettableClock(Instant now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    public void set(Instant t) {
        now = t;
    }

    /** Moves the clock forward by {@code d}; returns the new instant. */
    public synchronized Instant advance(java.time.Duration d) {
        now = now.plus(d);
        return now;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        return new SettableClock(now, z);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
