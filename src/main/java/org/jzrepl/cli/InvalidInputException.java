package org.jzrepl.cli;

/**
 * An argument that parsed but names nothing usable (a job not in the config, a dataset name
 * zfs would refuse). Maps to {@link ExitCode#USAGE_OR_CONFIG}; nothing was done.
 */
public final class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }
}
