/**
 * The config layer: reads zrepl-schema YAML into immutable, validated records.
 *
 * <p>{@link org.jzrepl.config.ConfigLoader} composes the YAML with SnakeYAML into located nodes,
 * expands {@code include}, and binds by hand ({@code MapView} accessors, one binder class per
 * section, {@code CrossJobCheck} for checks across jobs), collecting every error with file,
 * line, column and key path into one {@link org.jzrepl.config.ConfigException}.
 * {@link org.jzrepl.config.ConfigRenderer} prints the normalized config back.
 *
 * <p>The value types later layers build on live here too: {@link org.jzrepl.config.FilesystemFilter},
 * {@link org.jzrepl.config.GridSpec}, {@link org.jzrepl.config.CronSpec},
 * {@link org.jzrepl.config.ByteSize}, {@link org.jzrepl.config.Durations}.
 *
 * <p>Threading: loading is stateless and thread-safe (each load has its own error collector);
 * all records are immutable and may be shared freely. Depends only on {@code org.jzrepl.zfs}
 * value types, SnakeYAML and Jackson.
 */
package org.jzrepl.config;
