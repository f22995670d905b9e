package org.jzrepl.snapshot.hook;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jzrepl.config.Durations;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.util.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * zrepl's {@code mysql-lock-tables} hook: the pre part runs {@code FLUSH TABLES WITH READ LOCK}
 * (needs RELOAD) on a connection of its own and keeps it; the post part runs
 * {@code UNLOCK TABLES} and closes it, so writes wait from the pre hook until after the snapshot.
 * A dry run only connects. The {@code timeout} bounds connecting and taking the lock (the
 * session's {@code lock_wait_timeout}, whole seconds rounded up, and the socket read timeout),
 * and also how long the lock may stay unreleased: the session's {@code wait_timeout} makes the
 * server drop the lock when the post part has not come within {@code timeout} (a hung or killed
 * daemon cannot block writes for good); that post part then fails and says so. The post part
 * closes the connection also when {@code UNLOCK TABLES} fails, and {@link #close()} releases
 * every lock still held.
 */
public final class MysqlLockTablesHook extends ConfiguredHook {
    private static final Logger LOG = LoggerFactory.getLogger(MysqlLockTablesHook.class);
    /** How long past the server-side timeouts the client waits before closing the socket itself. */
    static final Duration READ_GRACE = Duration.ofMillis(500);

    private final MysqlDsn dsn;
    private final Set<Connection> held = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    MysqlLockTablesHook(MysqlDsn dsn, Duration timeout, FilesystemFilter filesystems, boolean errIsFatal) {
        super(timeout, filesystems, errIsFatal);
        this.dsn = Objects.requireNonNull(dsn, "dsn");
    }

    @Override
    public String describe() {
        return "mysql-lock-tables " + dsn;
    }

    @Override
    public Post pre(HookEnv env) throws HookException {
        if (closed) {
            throw new HookException("hook " + describe() + ": closed");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        String step = "connect";
        Connection c = null;
        try {
            c = DriverManager.getConnection(dsn.jdbcUrl(), connectProperties());
            long left = leftMillis(deadline);
            c.setNetworkTimeout(Runnable::run, intMillis(left + READ_GRACE.toMillis()));
            try (Statement st = c.createStatement()) {
                step = "set session timeouts";
                st.execute("SET SESSION lock_wait_timeout = " + ceilSeconds(left) + ", wait_timeout = "
                        + ceilSeconds(timeout.toMillis()));
                if (env.dryRun()) {
                    step = "SELECT 1 (dry run)";
                    st.execute("SELECT 1");
                    c.close();
                    return NOTHING;
                }
                step = "FLUSH TABLES WITH READ LOCK";
                st.execute("FLUSH TABLES WITH READ LOCK");
            }
            c.setNetworkTimeout(Runnable::run, intMillis(timeout.toMillis() + READ_GRACE.toMillis()));
            held.add(c);
            if (closed) { // close() ran meanwhile and did not see this connection
                release(c);
                throw new HookException("hook " + describe() + ": closed while taking the lock");
            }
            LOG.info("hook {}: tables locked for the snapshot of {}", describe(), env.fs().name());
            Connection locked = c;
            return e -> unlock(locked, e);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new HookException("hook " + describe() + ": " + step + " failed: " + explain(e, deadline), "", e);
        }
    }

    private void unlock(Connection c, HookEnv env) throws HookException {
        if (!held.remove(c)) {
            throw new HookException("hook " + describe() + ": the lock was released when the hook was closed,"
                    + " before the post hook ran");
        }
        try (c; Statement st = c.createStatement()) {
            st.execute("UNLOCK TABLES");
            LOG.info("hook {}: tables unlocked after the snapshot of {}", describe(), env.fs().name());
        } catch (SQLException e) {
            throw new HookException("hook " + describe() + ": UNLOCK TABLES failed (" + LogText.escape(e.getMessage(), 400)
                    + "); the connection is closed, so the server has dropped the lock; if it was dropped before"
                    + " the snapshot (held longer than the timeout " + Durations.format(timeout)
                    + "), the snapshot may not be consistent", "", e);
        }
    }

    /** Releases every lock still held (closes its connection); later pre calls fail. */
    @Override
    public void close() {
        closed = true;
        for (Connection c : held) {
            if (held.remove(c)) {
                release(c);
            }
        }
    }

    private void release(Connection c) {
        LOG.warn("hook {}: releasing a lock whose post hook has not run", describe());
        held.remove(c);
        closeQuietly(c);
    }

    Properties connectProperties() {
        Properties p = dsn.properties();
        long ms = timeout.toMillis();
        if (dsn.connectTimeout != null) {
            ms = Math.min(ms, dsn.connectTimeout.toMillis());
        }
        p.setProperty("connectTimeout", Integer.toString(intMillis(Math.max(1, ms))));
        p.setProperty("socketTimeout", Integer.toString(intMillis(timeout.toMillis() + READ_GRACE.toMillis())));
        return p;
    }

    private static long leftMillis(long deadline) throws SQLException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SQLException("no time left after connecting", "HY000", 1205);
        }
        return left;
    }

    /** Whole seconds, rounded up, within MariaDB's range for the session timeouts (1 s to 1 year). */
    private static long ceilSeconds(long millis) {
        return Math.min(31_536_000L, Math.max(1, (millis + 999) / 1000));
    }

    private static int intMillis(long millis) {
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }

    private String explain(SQLException e, long deadline) {
        String text = LogText.escape(e.getMessage(), 400);
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (e.getErrorCode() == 1205 || System.nanoTime() - deadline >= 0) {
            return "timed out after " + Durations.format(timeout) + " (" + text + ")";
        }
        if (e.getErrorCode() == 1227) {
            return "permission denied: FLUSH TABLES WITH READ LOCK needs the RELOAD privilege (" + text + ")";
        }
        if (state.startsWith("08") || e.getErrorCode() == 1045 || e.getErrorCode() == 1044) {
            return "cannot connect to " + dsn + " as " + LogText.escape(dsn.user, 80) + ": " + text;
        }
        return text + (state.isEmpty() ? "" : " [SQLSTATE " + LogText.escape(state, 10) + "]");
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            // the server drops the lock with the connection either way
        }
    }
}
