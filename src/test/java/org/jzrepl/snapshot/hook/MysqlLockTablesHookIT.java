package org.jzrepl.snapshot.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.HookConfig;
import org.jzrepl.testing.db.MariaDbServer;
import org.jzrepl.zfs.DatasetPath;

/** The mysql-lock-tables hook against a real MariaDB started for this class: the lock is real and always released. */
class MysqlLockTablesHookIT {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();

    private static final HookEnv ENV = new HookEnv(DatasetPath.parse("pool/mysql"), "zrepl_1", false);
    private static final FilesystemFilter FS = FilesystemFilter.of(Map.of("pool/mysql", true));
    /** How long a write seen waiting on the lock must then stay blocked. */
    private static final Duration BLOCKED = Duration.ofMillis(500);

    @TempDir
    Path dir;

    @BeforeAll
    static void schema() throws SQLException {
        try (Connection c = DB.admin(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE shop");
            st.execute("CREATE TABLE shop.orders (id INT AUTO_INCREMENT PRIMARY KEY, v INT) ENGINE=InnoDB");
            st.execute("CREATE USER 'zrepl'@'127.0.0.1' IDENTIFIED BY 'zrepl-pw'");
            st.execute("GRANT RELOAD ON *.* TO 'zrepl'@'127.0.0.1'");
            st.execute("GRANT SELECT ON shop.* TO 'zrepl'@'127.0.0.1'");
            st.execute("CREATE USER 'plain'@'127.0.0.1' IDENTIFIED BY 'plain-pw'");
            st.execute("GRANT SELECT ON shop.* TO 'plain'@'127.0.0.1'");
        }
    }

    @AfterEach
    void noLockLeft() throws Exception {
        // every test must leave the server writable: a write completes at once
        assertTrue(insertAsync().get(5, TimeUnit.SECONDS) >= 1, "a write after the test");
    }

    private static Hook hook(Duration timeout) {
        return Hooks.fromConfig(List.of(new HookConfig.MysqlLockTables(DB.dsn("zrepl", "zrepl-pw", "shop"), timeout, FS,
                false)), Map.of()).get(0);
    }

    /** An INSERT on a connection of its own; completes with the rows inserted. */
    private static CompletableFuture<Integer> insertAsync() {
        return CompletableFuture.supplyAsync(() -> {
            try (Connection c = DB.admin(); Statement st = c.createStatement()) {
                return st.executeUpdate("INSERT INTO shop.orders (v) VALUES (1)");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The write reaches the server and waits there on the lock (polled: the machine may be slow). */
    private static void assertBlocked(CompletableFuture<Integer> write) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String state = null;
        while (System.nanoTime() < deadline) {
            state = writeState();
            if (state != null && state.startsWith("Waiting for")) {
                break;
            }
            Thread.sleep(50);
        }
        assertTrue(state != null && state.startsWith("Waiting for"), "state of the write: " + state);
        assertThrows(TimeoutException.class, () -> write.get(BLOCKED.toMillis(), TimeUnit.MILLISECONDS),
                "the write went through while the lock was held");
    }

    private static String writeState() throws SQLException {
        try (Connection c = DB.admin(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT state FROM information_schema.processlist"
                     + " WHERE info LIKE 'INSERT INTO shop.orders (v) VALUES%'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void aConcurrentWriteWaitsWhileTheLockIsHeldAndCompletesAfterThePost() throws Exception {
        Hook h = hook(Duration.ofSeconds(20));
        Hook.Post post = h.pre(ENV);
        CompletableFuture<Integer> write = insertAsync();
        assertBlocked(write);
        // here the snapshot would be taken
        post.run(ENV);
        assertEquals(1, write.get(5, TimeUnit.SECONDS));
    }

    /** A later fatal pre hook fails, so no snapshot is taken: the sequence still runs this hook's post part. */
    @Test
    void theLockIsReleasedWhenTheSnapshotDoesNotHappen() throws Exception {
        Path failing = dir.resolve("fail");
        Files.writeString(failing, "#!/bin/sh\necho no space left >&2\nexit 1\n");
        Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwx------"));
        List<Hook> hooks = List.of(hook(Duration.ofSeconds(20)),
                new CommandHook(failing, Duration.ofSeconds(5), FilesystemFilter.ALL, true, 4096));
        HookSequence seq = HookSequence.select(hooks, ENV.fs(), Clock.systemUTC());
        HookSequence.Pre pre = seq.runPre(ENV);
        assertFalse(pre.snapshotAllowed());
        CompletableFuture<Integer> write = insertAsync();
        assertBlocked(write);
        List<HookResult> post = seq.runPost(pre, ENV);
        assertTrue(post.get(0).ok(), post.toString());
        assertEquals(1, write.get(5, TimeUnit.SECONDS));
    }

    @Test
    void closingTheHookReleasesALockWhosePostNeverCame() throws Exception {
        Hook h = hook(Duration.ofSeconds(20));
        Hook.Post post = h.pre(ENV);
        CompletableFuture<Integer> write = insertAsync();
        assertBlocked(write);
        h.close();
        assertEquals(1, write.get(5, TimeUnit.SECONDS));
        HookException e = assertThrows(HookException.class, () -> post.run(ENV));
        assertTrue(e.getMessage().contains("the lock was released when the hook was closed"), e.getMessage());
        assertThrows(HookException.class, () -> h.pre(ENV), "a closed hook takes no new lock");
    }

    /** A daemon that never runs the post part cannot block writes for longer than the timeout. */
    @Test
    void theServerDropsALockHeldLongerThanTheTimeoutAndThePostSaysSo() throws Exception {
        Hook h = hook(Duration.ofSeconds(3));
        Hook.Post post = h.pre(ENV);
        CompletableFuture<Integer> write = insertAsync();
        assertBlocked(write);
        assertEquals(1, write.get(5, TimeUnit.SECONDS));
        HookException e = assertThrows(HookException.class, () -> post.run(ENV));
        assertTrue(e.getMessage().contains("UNLOCK TABLES failed"), e.getMessage());
        assertTrue(e.getMessage().contains("the snapshot may not be consistent"), e.getMessage());
    }

    @Test
    void takingTheLockTimesOutBehindALongWrite() throws Exception {
        CompletableFuture<Integer> longWrite = CompletableFuture.supplyAsync(() -> {
            try (Connection c = DB.admin(); Statement st = c.createStatement()) {
                return st.executeUpdate("INSERT INTO shop.orders (v) SELECT SLEEP(6)");
            } catch (SQLException e) {
                return -1; // killed below
            }
        });
        try {
            Thread.sleep(300);
            long t0 = System.nanoTime();
            HookException e = assertThrows(HookException.class, () -> hook(Duration.ofSeconds(2)).pre(ENV));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertTrue(took.compareTo(Duration.ofMillis(3500)) < 0, "took " + took);
            assertTrue(e.getMessage().contains("FLUSH TABLES WITH READ LOCK failed: timed out after 2s"), e.getMessage());
        } finally {
            try (Connection c = DB.admin(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id FROM information_schema.processlist"
                         + " WHERE info LIKE 'INSERT INTO shop.orders (v) SELECT SLEEP%'")) {
                if (rs.next()) {
                    st.execute("KILL QUERY " + rs.getLong(1));
                }
            }
            longWrite.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aUserWithoutReloadFailsClearly() {
        Hook h = Hooks.fromConfig(List.of(new HookConfig.MysqlLockTables(DB.dsn("plain", "plain-pw", "shop"),
                Duration.ofSeconds(5), FS, false)), Map.of()).get(0);
        HookException e = assertThrows(HookException.class, () -> h.pre(ENV));
        assertTrue(e.getMessage().startsWith("hook mysql-lock-tables 127.0.0.1:" + DB.port() + "/shop: FLUSH TABLES WITH"
                + " READ LOCK failed: permission denied: FLUSH TABLES WITH READ LOCK needs the RELOAD privilege"),
                e.getMessage());
    }

    @Test
    void aWrongPasswordFailsWithoutShowingIt() {
        Hook h = Hooks.fromConfig(List.of(new HookConfig.MysqlLockTables(DB.dsn("zrepl", "wrong-secret", "shop"),
                Duration.ofSeconds(5), FS, false)), Map.of()).get(0);
        HookException e = assertThrows(HookException.class, () -> h.pre(ENV));
        assertTrue(e.getMessage().contains("connect failed: cannot connect to 127.0.0.1:" + DB.port() + "/shop as zrepl:"),
                e.getMessage());
        assertFalse(e.getMessage().contains("wrong-secret"), e.getMessage());
    }

    @Test
    void dryRunTakesNoLock() throws Exception {
        assertSame(Hook.NOTHING, hook(Duration.ofSeconds(5)).pre(new HookEnv(ENV.fs(), "zrepl_1", true)));
        assertEquals(1, insertAsync().get(2, TimeUnit.SECONDS));
    }
}
