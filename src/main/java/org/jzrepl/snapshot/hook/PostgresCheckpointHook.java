package org.jzrepl.snapshot.hook;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.jzrepl.config.Durations;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.util.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * zrepl's {@code postgres-checkpoint} hook: the pre part runs {@code CHECKPOINT} (superuser, or
 * from PostgreSQL 15 the {@code pg_checkpoint} role), the post part does nothing; a dry run only
 * connects. Unlike zrepl's, the {@code timeout} is real and bounds the whole call: connecting
 * and logging in (the driver's connect and login timeouts, in whole seconds rounded up), then
 * the statements by the server's {@code statement_timeout} set to the time left, with the
 * socket read timeout a little beyond it as a backstop against a server that stops answering.
 */
public final class PostgresCheckpointHook extends ConfiguredHook {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresCheckpointHook.class);
    /** How long past the statement timeout the client waits for the server's own cancel. */
    static final Duration READ_GRACE = Duration.ofMillis(500);

    private final PostgresDsn dsn;

    PostgresCheckpointHook(PostgresDsn dsn, Duration timeout, FilesystemFilter filesystems, boolean errIsFatal) {
        super(timeout, filesystems, errIsFatal);
        this.dsn = Objects.requireNonNull(dsn, "dsn");
    }

    @Override
    public String describe() {
        return "postgres-checkpoint " + dsn;
    }

    @Override
    public Post pre(HookEnv env) throws HookException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String step = "connect";
        try (Connection c = DriverManager.getConnection(dsn.jdbcUrl(), connectProperties())) {
            long leftMs = leftMillis(deadline);
            c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, leftMs + READ_GRACE.toMillis()));
            try (Statement st = c.createStatement()) {
                step = "set statement_timeout";
                st.execute("SET statement_timeout = " + Math.max(1, leftMillis(deadline)));
                step = env.dryRun() ? "SELECT 1 (dry run)" : "CHECKPOINT";
                st.execute(env.dryRun() ? "SELECT 1" : "CHECKPOINT");
            }
            LOG.info("hook {}: {} done for {}", describe(), step, env.fs().name());
            return NOTHING;
        } catch (SQLException e) {
            throw new HookException("hook " + describe() + ": " + step + " failed: " + explain(e, deadline), "", e);
        }
    }

    /** The DSN's properties plus timeouts that keep connecting and logging in within the hook's timeout. */
    Properties connectProperties() {
        Properties p = dsn.properties();
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        if (dsn.connectTimeoutSeconds > 0) {
            seconds = Math.min(seconds, dsn.connectTimeoutSeconds);
        }
        p.setProperty("connectTimeout", Long.toString(seconds));
        p.setProperty("loginTimeout", Long.toString(seconds));
        p.setProperty("socketTimeout", Long.toString(seconds)); // until setNetworkTimeout replaces it
        return p;
    }

    private long leftMillis(long deadline) throws SQLException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SQLException("no time left after connecting", "57014");
        }
        return left;
    }

    /** A message for the failure, the server's text escaped; says "timed out" when the timeout struck. */
    private String explain(SQLException e, long deadline) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String text = LogText.escape(e.getMessage(), 400);
        if (state.equals("57014") || System.nanoTime() - deadline >= 0) {
            return "timed out after " + Durations.format(timeout) + " (" + text + ")";
        }
        if (state.equals("42501")) {
            return "permission denied: CHECKPOINT needs a superuser or, from PostgreSQL 15, a member of"
                    + " pg_checkpoint (" + text + ")";
        }
        if (state.startsWith("08") || state.equals("28P01") || state.equals("28000")) {
            return "cannot connect to " + dsn + " as " + LogText.escape(dsn.user, 80) + ": " + text;
        }
        return text + (state.isEmpty() ? "" : " [SQLSTATE " + LogText.escape(state, 10) + "]");
    }
}
