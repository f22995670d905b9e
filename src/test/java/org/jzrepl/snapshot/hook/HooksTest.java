package org.jzrepl.snapshot.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.HookConfig;
import org.jzrepl.zfs.DatasetPath;

class HooksTest {
    private static final FilesystemFilter DB = FilesystemFilter.of(Map.of("pool/db<", true));
    private static final Duration T = Duration.ofSeconds(5);

    /** One config of every hook type, and the hook it must become. */
    private static final Map<HookConfig, Class<? extends Hook>> EXAMPLES = Map.of(
            new HookConfig.Command(Path.of("/usr/local/bin/freeze"), T, FilesystemFilter.ALL, true), CommandHook.class,
            new HookConfig.PostgresCheckpoint("postgres://u:p@h/db?sslmode=disable", T, DB, false),
            PostgresCheckpointHook.class,
            new HookConfig.MysqlLockTables("u:p@tcp(h:3306)/", T, DB, false), MysqlLockTablesHook.class);

    @Test
    void handlesEveryConfigHookType() {
        Set<Class<?>> covered = new HashSet<>();
        EXAMPLES.forEach((config, expected) -> {
            Hook h = Hooks.fromConfig(List.of(config), Map.of()).get(0);
            assertEquals(expected, h.getClass());
            assertEquals(config.errIsFatal(), h.errIsFatal());
            assertEquals(config.filesystems().matches(DatasetPath.parse("pool/other")),
                    h.appliesTo(DatasetPath.parse("pool/other")));
            covered.add(config.getClass());
        });
        assertEquals(new HashSet<>(Arrays.asList(HookConfig.class.getPermittedSubclasses())), covered,
                "a config hook type is not covered; add it to Hooks.fromConfig and to this test");
    }

    @Test
    void keepsConfigOrderAndDescribesWithoutSecrets() {
        List<Hook> hooks = Hooks.fromConfig(List.copyOf(List.of(
                new HookConfig.MysqlLockTables("root:hunter2@tcp(db:3307)/shop", T, DB, false),
                new HookConfig.Command(Path.of("/bin/true"), T, FilesystemFilter.ALL, false),
                new HookConfig.PostgresCheckpoint("host=pg port=5433 user=x password=hunter2 dbname=app", T, DB, false))),
                Map.of());
        assertEquals(List.of("mysql-lock-tables db:3307/shop", "command /bin/true", "postgres-checkpoint pg:5433/app"),
                hooks.stream().map(Hook::describe).toList());
    }

    @Test
    void aBadDsnFailsAtBuildNamingTheHook() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hooks.fromConfig(List.of(
                new HookConfig.Command(Path.of("/bin/true"), T, FilesystemFilter.ALL, false),
                new HookConfig.MysqlLockTables("root:hunter2@unix(/run/mysqld.sock)/", T, DB, false)), Map.of()));
        assertTrue(e.getMessage().startsWith("hook 2 (mysql-lock-tables): unix sockets are not supported"),
                e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"'';1048576", "4096;4096", " 100 ;100", "2147483647;2147483647"})
    void maxLogSizeFromTheEnvironment(String value, int expected) {
        assertEquals(expected, Hooks.maxLogSize(Map.of(Hooks.MAX_LOG_SIZE_ENV, value)));
        assertEquals(Hooks.DEFAULT_MAX_LOG_SIZE, Hooks.maxLogSize(Map.of()));
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "1M", "99999999999"})
    void refusesABadMaxLogSize(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Hooks.fromConfig(List.of(), Map.of(Hooks.MAX_LOG_SIZE_ENV, value)));
        assertEquals("ZREPL_MAX_HOOK_LOG_SIZE must be a positive number of bytes, got '" + value + "'", e.getMessage());
    }
}
