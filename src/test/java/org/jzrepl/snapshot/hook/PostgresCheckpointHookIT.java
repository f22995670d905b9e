package org.jzrepl.snapshot.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.HookConfig;
import org.jzrepl.testing.db.LocalDbServer;
import org.jzrepl.testing.db.PostgresServer;
import org.jzrepl.zfs.DatasetPath;

/** The postgres-checkpoint hook against a real PostgreSQL started for this class. */
class PostgresCheckpointHookIT {
    @RegisterExtension
    static final PostgresServer PG = new PostgresServer();

    private static final HookEnv ENV = new HookEnv(DatasetPath.parse("pool/pgdata"), "zrepl_1", false);
    private static final FilesystemFilter FS = FilesystemFilter.of(Map.of("pool/pgdata", true));

    @BeforeAll
    static void roles() throws SQLException {
        try (Connection c = PG.admin(); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE plain LOGIN PASSWORD 'plain-pw'");
            st.execute("CREATE ROLE checkpointer LOGIN PASSWORD 'cp-pw'");
            st.execute("GRANT pg_checkpoint TO checkpointer"); // PostgreSQL 15+
        }
    }

    private static Hook hook(String dsn, Duration timeout) {
        return Hooks.fromConfig(List.of(new HookConfig.PostgresCheckpoint(dsn, timeout, FS, true)), Map.of()).get(0);
    }

    private static String checkpointLsn() throws SQLException {
        try (Connection c = PG.admin(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT checkpoint_lsn::text FROM pg_control_checkpoint()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void runsACheckpointOverTheUrlForm() throws Exception {
        String before = checkpointLsn();
        Hook h = hook(PG.urlDsn(PostgresServer.SUPERUSER, PostgresServer.SUPERUSER_PASSWORD, "postgres"),
                Duration.ofSeconds(10));
        assertSame(Hook.NOTHING, h.pre(ENV));
        assertNotEquals(before, checkpointLsn(), "a new checkpoint record was written");
        assertEquals("postgres-checkpoint 127.0.0.1:" + PG.port() + "/postgres", h.describe());
    }

    @Test
    void runsACheckpointOverTheSocketWithTheKeyValueForm() throws Exception {
        String before = checkpointLsn();
        hook("host=" + PG.dir() + " port=" + PG.port() + " user=postgres dbname=postgres", Duration.ofSeconds(10))
                .pre(ENV);
        assertNotEquals(before, checkpointLsn());
    }

    @Test
    void aMemberOfPgCheckpointMayCheckpoint() throws Exception {
        String before = checkpointLsn();
        hook("host=127.0.0.1 port=" + PG.port() + " user=checkpointer password=cp-pw dbname=postgres sslmode=disable",
                Duration.ofSeconds(10)).pre(ENV);
        assertNotEquals(before, checkpointLsn());
    }

    @Test
    void dryRunOnlyConnects() throws Exception {
        String before = checkpointLsn();
        hook(PG.urlDsn("postgres", PostgresServer.SUPERUSER_PASSWORD, "postgres"), Duration.ofSeconds(10))
                .pre(new HookEnv(ENV.fs(), "zrepl_1", true));
        assertEquals(before, checkpointLsn());
    }

    @Test
    void aRoleWithoutThePrivilegeFailsClearly() {
        HookException e = assertThrows(HookException.class,
                () -> hook(PG.urlDsn("plain", "plain-pw", "postgres"), Duration.ofSeconds(10)).pre(ENV));
        assertTrue(e.getMessage().startsWith("hook postgres-checkpoint 127.0.0.1:" + PG.port() + "/postgres: CHECKPOINT"
                + " failed: permission denied: CHECKPOINT needs a superuser or, from PostgreSQL 15, a member of"
                + " pg_checkpoint ("), e.getMessage());
        assertTrue(e.getMessage().contains("pg_checkpoint"), e.getMessage());
    }

    @Test
    void aWrongPasswordFailsWithoutShowingIt() {
        HookException e = assertThrows(HookException.class,
                () -> hook(PG.urlDsn("postgres", "wrong-secret", "postgres"), Duration.ofSeconds(10)).pre(ENV));
        assertTrue(e.getMessage().contains("connect failed: cannot connect to 127.0.0.1:" + PG.port()
                + "/postgres as postgres: "), e.getMessage());
        assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-secret"), e.getMessage());
    }

    /** A peer that accepts and then says nothing: zrepl's hook would wait for ever. */
    @Test
    void timesOutAgainstAServerThatNeverAnswers() throws Exception {
        try (ServerSocket mute = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = mute.accept();
                        accepted.add(s);
                        InputStream in = s.getInputStream();
                        new Thread(() -> drain(in)).start();
                    }
                } catch (Exception e) {
                    // closed at the end of the test
                }
            });
            acceptor.start();
            Hook h = hook("postgres://postgres:x@127.0.0.1:" + mute.getLocalPort() + "/postgres?sslmode=disable",
                    Duration.ofSeconds(2));
            long t0 = System.nanoTime();
            HookException e = assertThrows(HookException.class, () -> h.pre(ENV));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertTrue(took.compareTo(Duration.ofMillis(3500)) < 0, "took " + took);
            assertTrue(e.getMessage().contains("connect failed: timed out after 2s"), e.getMessage());
            assertFalse(accepted.isEmpty(), "the driver did reach the mute server");
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    /** The server's statement timeout really ends a CHECKPOINT that cannot finish (checkpointer stopped). */
    @Test
    void theStatementTimeoutEndsACheckpointThatHangs() throws Exception {
        long checkpointer;
        try (Connection c = PG.admin(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'")) {
            rs.next();
            checkpointer = rs.getLong(1);
        }
        Hook h = hook(PG.urlDsn("postgres", PostgresServer.SUPERUSER_PASSWORD, "postgres"), Duration.ofSeconds(2));
        LocalDbServer.signal(checkpointer, "STOP");
        try {
            long t0 = System.nanoTime();
            HookException e = assertThrows(HookException.class, () -> h.pre(ENV));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertTrue(took.compareTo(Duration.ofMillis(3000)) < 0, "took " + took);
            assertTrue(e.getMessage().contains("CHECKPOINT failed: timed out after 2s (ERROR: canceling statement due"
                    + " to statement timeout)"), e.getMessage());
        } finally {
            LocalDbServer.signal(checkpointer, "CONT");
        }
    }

    private static void drain(InputStream in) {
        try (in) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (Exception e) {
            // peer gone
        }
    }
}
