package org.jzrepl.zfs.cmd;

import java.time.Duration;

/**
 * Receives one record per finished zfs command, for metrics. Called from the thread that
 * ended the command; implementations must be thread-safe and quick.
 */
@FunctionalInterface
public interface ZfsMeter {

    /** Ignores every record. */
    ZfsMeter NONE = (verb, duration, exitCode) -> { };

    /**
     * @param verb     the zfs subcommand, e.g. {@code list}, {@code send}
     * @param duration from process start to exit
     * @param exitCode the exit code; -1 when the process could not start, timed out or was killed
     */
    void record(String verb, Duration duration, int exitCode);
}
