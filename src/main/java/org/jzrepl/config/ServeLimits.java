package org.jzrepl.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on the work a passive job (sink, source) does for its clients, from its {@code serve}
 * section (jzrepl's own keys; zrepl has none of them). A connection over a cap is refused, and the
 * dialing side is told which cap; a connection with no call for the idle time is closed.
 *
 * <p>Defaults: an active job holds at most {@code max(concurrency.steps, concurrency.size_estimates)}
 * connections at once (zrepl's defaults 1 and 4, so 4), one more briefly while it reconnects. 16
 * per identity leaves room for {@code concurrency.steps} up to about 15 and for two jobs sharing an
 * identity; 256 per job lets a sink serve 64 such clients at once (a backup server's fan-in;
 * each connection costs a thread and, while a step runs, a zfs process). Between calls an active job's idle
 * connections wait only while other steps run; it drops pooled connections idle for a minute
 * itself, so a server closing after 10 minutes without a call only ends connections of clients
 * that hang on to them.
 *
 * @param maxConnectionsPerIdentity {@code max_connections_per_identity}: connections of one client
 *                                  identity served at once (default 16)
 * @param maxConnections            {@code max_connections}: connections of the job served at once
 *                                  (default 256)
 * @param idleConnectionTimeout     {@code idle_connection_timeout}: a connection with no call for
 *                                  this long (heartbeats do not count) is closed (default 10m, at least 2m)
 */
public record ServeLimits(int maxConnectionsPerIdentity, int maxConnections, Duration idleConnectionTimeout) {
    public static final int DEFAULT_MAX_CONNECTIONS_PER_IDENTITY = 16;
    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    public static final Duration DEFAULT_IDLE_CONNECTION_TIMEOUT = Duration.ofMinutes(10);
    /**
     * Lowest {@code idle_connection_timeout}: above the minute after which an active job stops
     * reusing an idle pooled connection, so a server never closes one the client is about to use.
     */
    public static final Duration MIN_IDLE_CONNECTION_TIMEOUT = Duration.ofMinutes(2);
    /** Highest value of either cap. */
    public static final int MAX_CAP = 100_000;

    public static final ServeLimits DEFAULT = new ServeLimits(DEFAULT_MAX_CONNECTIONS_PER_IDENTITY,
            DEFAULT_MAX_CONNECTIONS, DEFAULT_IDLE_CONNECTION_TIMEOUT);

    public ServeLimits {
        if (maxConnectionsPerIdentity < 1 || maxConnectionsPerIdentity > MAX_CAP) {
            throw new IllegalArgumentException("max_connections_per_identity must be 1.." + MAX_CAP + ", got "
                    + maxConnectionsPerIdentity);
        }
        if (maxConnections < 1 || maxConnections > MAX_CAP) {
            throw new IllegalArgumentException("max_connections must be 1.." + MAX_CAP + ", got " + maxConnections);
        }
        if (maxConnectionsPerIdentity > maxConnections) {
            throw new IllegalArgumentException("max_connections_per_identity (" + maxConnectionsPerIdentity
                    + ") must not exceed max_connections (" + maxConnections + ")");
        }
        Objects.requireNonNull(idleConnectionTimeout, "idleConnectionTimeout");
        if (idleConnectionTimeout.compareTo(MIN_IDLE_CONNECTION_TIMEOUT) < 0) {
            throw new IllegalArgumentException("idle_connection_timeout must be at least "
                    + Durations.format(MIN_IDLE_CONNECTION_TIMEOUT) + " (active jobs reuse a connection idle for up to 1m), got "
                    + Durations.format(idleConnectionTimeout));
        }
    }
}
