package org.jzrepl.config;

/** Prints a config in normalized form (defaults filled in). PLACEHOLDER until the config issue lands. */
public final class ConfigRenderer {
    public enum Format { YAML, JSON }

    private ConfigRenderer() {
    }

    public static String render(JzreplConfig config, Format format) {
        throw new UnsupportedOperationException("config rendering is not built yet");
    }
}
