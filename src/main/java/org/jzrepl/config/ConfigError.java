package org.jzrepl.config;

/** One located config problem: {@code file:line:column: keyPath: message}. */
public record ConfigError(String file, int line, int column, String keyPath, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + keyPath + ": " + message;
    }
}
