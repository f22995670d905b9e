package org.jzrepl.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The config file named by {@code --config} cannot be read at all (missing, a directory, no
 * permission). Checked at the CLI edge before the config layer is called, so the user gets one
 * line naming the file. Maps to {@link ExitCode#USAGE_OR_CONFIG}.
 */
public final class ConfigFileException extends RuntimeException {

    private final Path file;

    private ConfigFileException(Path file, String problem) {
        super("config file " + file + ": " + problem + " (use --config FILE to name another)");
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Returns {@code file} if it is a readable regular file, else throws naming the problem. */
    public static Path requireReadable(Path file) {
        if (!Files.exists(file)) {
            throw new ConfigFileException(file, "not found");
        }
        if (Files.isDirectory(file)) {
            throw new ConfigFileException(file, "is a directory");
        }
        if (!Files.isReadable(file)) {
            throw new ConfigFileException(file, "not readable (permission denied)");
        }
        return file;
    }
}
