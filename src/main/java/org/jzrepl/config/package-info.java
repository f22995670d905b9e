/**
 * The config file: zrepl's YAML schema bound by Jackson into immutable records, validated, with
 * includes resolved.
 *
 * <p><b>Role.</b> Data only. {@link org.jzrepl.config.ConfigLoader#load} reads and validates;
 * every problem becomes a {@link org.jzrepl.config.ConfigError} naming file, line, column and key
 * path, all collected in one {@link org.jzrepl.config.ConfigException}. Durations, sizes and
 * dataset names are parsed here into typed values. Each consumer (job, transport, pruning, ...)
 * turns the records it needs into its own objects with its own {@code fromConfig}: this package
 * knows nothing of them.
 *
 * <p><b>Threading.</b> Loading is single-threaded; the resulting records are immutable and safe to
 * share between threads.
 *
 * <p><b>Ownership.</b> Files are opened and closed inside {@code load}; nothing is held afterwards.
 *
 * <p><b>Dependencies.</b> May use {@code zfs} value types ({@code DatasetPath}, ...); nothing else
 * of jzrepl.
 */
package org.jzrepl.config;
