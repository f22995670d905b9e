package org.jzrepl.transport;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection caps of one passive job's listener: at most {@code perIdentity} connections of
 * one client identity and {@code total} connections in all, counted from the hand-over until the
 * wire is closed. A connection over a cap is refused with a message naming the cap and its config
 * key, for the dialing side. The refusals are logged once per {@link #LOG_WINDOW} (the first one
 * of a burst, then one line with how many more there were), never once per attempt of a flood.
 * Thread-safe.
 */
public final class ConnectionCaps {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionCaps.class);
    /** At most one refusal line per this long. */
    public static final long LOG_WINDOW_SECONDS = 60;
    private static final long LOG_WINDOW = TimeUnit.SECONDS.toNanos(LOG_WINDOW_SECONDS);

    private final String job;
    private final int perIdentity;
    private final int total;
    private final LongSupplier nanoTime;
    private final Map<String, Integer> open = new HashMap<>();
    private int openTotal;
    private long refused;
    private long suppressed;
    private long lastLogged;
    private boolean loggedOnce;

    /**
     * @param job      the job's name, for messages
     * @param nanoTime the clock of the log window ({@code System::nanoTime} outside tests)
     */
    public ConnectionCaps(String job, int perIdentity, int total, LongSupplier nanoTime) {
        this.job = Objects.requireNonNull(job, "job");
        if (perIdentity < 1 || total < 1) {
            throw new IllegalArgumentException("caps must be at least 1: " + perIdentity + ", " + total);
        }
        this.perIdentity = perIdentity;
        this.total = total;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    public ConnectionCaps(String job, int perIdentity, int total) {
        this(job, perIdentity, total, System::nanoTime);
    }

    /**
     * Counts one more connection of {@code identity}; release the permit when the connection ends.
     *
     * @throws TransportException OVER_CAPACITY naming the cap that is reached
     */
    public Permit acquire(String identity) throws TransportException {
        String refusal;
        synchronized (this) {
            int mine = open.getOrDefault(identity, 0);
            if (mine < perIdentity && openTotal < total) {
                open.put(identity, mine + 1);
                openTotal++;
                return new Permit(identity);
            }
            refusal = refusalFor(identity);
            refused++;
            logRefusal(refusal);
        }
        throw new TransportException(TransportException.Kind.OVER_CAPACITY, refusal);
    }

    /** The first refusal of a window is logged, later ones only counted into the next line. */
    private void logRefusal(String refusal) {
        long now = nanoTime.getAsLong();
        if (loggedOnce && now - lastLogged < LOG_WINDOW) {
            suppressed++;
            return;
        }
        String more = suppressed == 0 ? "" : " (and " + suppressed + " more refused in the "
                + TimeUnit.NANOSECONDS.toSeconds(now - lastLogged) + "s before)";
        loggedOnce = true;
        lastLogged = now;
        suppressed = 0;
        LOG.warn("refused a connection: {}{}", refusal, more);
    }

    /** The refusal text for {@code identity} as the counts stand (called with the lock held). */
    private String refusalFor(String identity) {
        int mine = open.getOrDefault(identity, 0);
        if (mine >= perIdentity) {
            return "job " + job + " already serves " + mine + " connections of client identity " + identity
                    + ", its cap (serve.max_connections_per_identity: " + perIdentity + ")";
        }
        return "job " + job + " already serves " + openTotal + " connections, its cap (serve.max_connections: "
                + total + ")";
    }

    /** Connections refused since the start. */
    public synchronized long refused() {
        return refused;
    }

    /** Connections counted now, of {@code identity}. */
    public synchronized int open(String identity) {
        return open.getOrDefault(identity, 0);
    }

    /** Connections counted now, in all. */
    public synchronized int open() {
        return openTotal;
    }

    private synchronized void release(String identity) {
        int mine = open.getOrDefault(identity, 0);
        if (mine <= 1) {
            open.remove(identity);
        } else {
            open.put(identity, mine - 1);
        }
        openTotal--;
    }

    /** One counted connection; {@link #release()} once it has ended (again is harmless). */
    public final class Permit {
        private final String identity;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(String identity) {
            this.identity = identity;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                ConnectionCaps.this.release(identity);
            }
        }
    }
}
