package org.jzrepl.config;

import java.util.List;

/** A config file that cannot be used; {@link #errors()} lists every problem found. */
public class ConfigException extends Exception {
    private final List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(errors.isEmpty() ? "invalid config" : errors.get(0).toString());
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
