/**
 * ZFS as typed values, and the typed exceptions of ZFS commands.
 *
 * <p><b>Role.</b> {@link org.jzrepl.zfs.DatasetPath}, {@link org.jzrepl.zfs.FilesystemVersion},
 * {@link org.jzrepl.zfs.Guid}, resume tokens, validated send/receive arguments, and the
 * {@code ZfsException} hierarchy that says what the caller can do. Values are records validated in
 * their compact constructors. Commands live in {@code zfs.cmd}.
 *
 * <p><b>Threading.</b> Immutable values; safe to share.
 *
 * <p><b>Dependencies.</b> None within jzrepl: {@code config} uses these types, not the other way.
 */
package org.jzrepl.zfs;
