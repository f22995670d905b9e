package org.jzrepl.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A snapshot hook. Pre hooks run in order before a snapshot, post hooks in reverse after it;
 * {@code timeout} defaults to 30s, {@code err_is_fatal} to false (a fatal failing pre hook
 * skips the snapshot). {@code filesystems} selects the datasets the hook runs for.
 */
public sealed interface HookConfig {
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    Duration timeout();

    FilesystemFilter filesystems();

    boolean errIsFatal();

    /** {@code command}: runs {@code path} (absolute); filesystems default to all ({@code "<": true}). */
    record Command(Path path, Duration timeout, FilesystemFilter filesystems, boolean errIsFatal) implements HookConfig {
        public Command {
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException("hook path '" + path + "' must be absolute");
            }
            check(timeout, filesystems);
        }
    }

    /** {@code postgres-checkpoint}: runs CHECKPOINT on {@code dsn} before the snapshot; filesystems required. */
    record PostgresCheckpoint(String dsn, Duration timeout, FilesystemFilter filesystems, boolean errIsFatal)
            implements HookConfig {
        public PostgresCheckpoint {
            Objects.requireNonNull(dsn, "dsn");
            check(timeout, filesystems);
        }
    }

    /** {@code mysql-lock-tables}: holds FLUSH TABLES WITH READ LOCK on {@code dsn} during the snapshot. */
    record MysqlLockTables(String dsn, Duration timeout, FilesystemFilter filesystems, boolean errIsFatal)
            implements HookConfig {
        public MysqlLockTables {
            Objects.requireNonNull(dsn, "dsn");
            check(timeout, filesystems);
        }
    }

    private static void check(Duration timeout, FilesystemFilter filesystems) {
        Objects.requireNonNull(filesystems, "filesystems");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, got " + Durations.format(timeout));
        }
    }
}
