package org.jzrepl.config;

/**
 * One located config problem, printed as {@code file:line:column: keyPath: message}. Line and
 * column are 1-based; {@code keyPath} names the key like {@code jobs[1].pruning.keep_receiver[0].grid}
 * (list indexes 0-based) and is empty for problems of the document as a whole (syntax errors).
 */
public record ConfigError(String file, int line, int column, String keyPath, String message) {
    @Override
    public String toString() {
        String where = file + ":" + line + ":" + column + ": ";
        return keyPath.isEmpty() ? where + message : where + keyPath + ": " + message;
    }
}
