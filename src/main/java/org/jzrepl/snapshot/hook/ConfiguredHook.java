package org.jzrepl.snapshot.hook;

import java.time.Duration;
import java.util.Objects;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.zfs.DatasetPath;

/** What every configured hook has: its {@code timeout}, {@code filesystems} and {@code err_is_fatal}. */
abstract class ConfiguredHook implements Hook {
    protected final Duration timeout;
    private final FilesystemFilter filesystems;
    private final boolean errIsFatal;

    ConfiguredHook(Duration timeout, FilesystemFilter filesystems, boolean errIsFatal) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.filesystems = Objects.requireNonNull(filesystems, "filesystems");
        this.errIsFatal = errIsFatal;
    }

    @Override
    public final boolean errIsFatal() {
        return errIsFatal;
    }

    @Override
    public final boolean appliesTo(DatasetPath fs) {
        return filesystems.matches(fs);
    }
}
