package org.jzrepl.config;

/** The whole validated config. PLACEHOLDER until the config issue lands. */
public record JzreplConfig() {
}
