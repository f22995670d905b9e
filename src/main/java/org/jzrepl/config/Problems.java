package org.jzrepl.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects the errors of one load, each located by a YAML node of one file. Not thread-safe. */
final class Problems {
    private final List<ConfigError> errors = new ArrayList<>();
    private String file;

    Problems(String file) {
        this.file = file;
    }

    /** Switches the file later errors are attributed to (for included files). */
    void file(String name) {
        this.file = name;
    }

    String file() {
        return file;
    }

    void error(Node at, String keyPath, String message) {
        Mark m = at.getStartMark();
        errors.add(new ConfigError(file, m.getLine() + 1, m.getColumn() + 1, keyPath, message));
    }

    void error(Mark m, String keyPath, String message) {
        errors.add(new ConfigError(file, m.getLine() + 1, m.getColumn() + 1, keyPath, message));
    }

    int count() {
        return errors.size();
    }

    List<ConfigError> all() {
        return errors;
    }

    /**
     * Builds a value only if no error was recorded since {@code mark}; a validation failure of the
     * constructor becomes an error at {@code at}. Returns null when there are errors.
     */
    <T> T build(int mark, Node at, String keyPath, Supplier<T> constructor) {
        if (errors.size() > mark) {
            return null;
        }
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            error(at, keyPath, e.getMessage());
            return null;
        }
    }
}
