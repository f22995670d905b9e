package org.jzrepl.config;

import java.nio.file.Path;

/**
 * Entry point of the config layer. PLACEHOLDER until the config issue lands: the signature is
 * the contract the CLI and the daemon code against.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /**
     * Reads, includes, binds and validates a config file.
     *
     * @throws ConfigException with every error found, each naming file, line, column and key path
     */
    public static JzreplConfig load(Path file) throws ConfigException {
        throw new UnsupportedOperationException("config loading is not built yet");
    }
}
