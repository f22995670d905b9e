/**
 * The config layer: reads zrepl-schema YAML into immutable, validated records.
 *
 * <p><b>Role.</b> Data only. {@link org.jzrepl.config.ConfigLoader} composes the YAML with
 * SnakeYAML into located nodes, expands {@code include}, and binds by hand ({@code MapView}
 * accessors, one binder class per section, {@code CrossJobCheck} for checks across jobs),
 * collecting every error with file, line, column and key path into one
 * {@link org.jzrepl.config.ConfigException}. {@link org.jzrepl.config.ConfigRenderer} prints the
 * normalized config back. Each consumer (job, transport, pruning, ...) turns the records it needs
 * into its own objects with its own {@code fromConfig}: this package knows nothing of them.
 *
 * <p>The value types later layers build on live here too: {@link org.jzrepl.config.FilesystemFilter},
 * {@link org.jzrepl.config.GridSpec}, {@link org.jzrepl.config.CronSpec},
 * {@link org.jzrepl.config.ByteSize}, {@link org.jzrepl.config.Durations}.
 *
 * <p><b>Threading.</b> Loading is stateless and thread-safe (each load has its own error
 * collector); all records are immutable and may be shared freely.
 *
 * <p><b>Ownership.</b> Files are opened and closed inside {@code load}; nothing is held afterwards.
 *
 * <p><b>Dependencies.</b> May use {@code zfs} value types ({@code DatasetPath}, ...), SnakeYAML and
 * Jackson; nothing else of jzrepl.
 */
package org.jzrepl.config;
