/**
 * ZFS as jzrepl sees it: validated values ({@link org.jzrepl.zfs.DatasetPath},
 * {@link org.jzrepl.zfs.FilesystemVersion}, {@link org.jzrepl.zfs.Guid},
 * {@link org.jzrepl.zfs.ResumeToken} (decoded in Java by {@link org.jzrepl.zfs.ResumeTokenDecoder} and
 * {@link org.jzrepl.zfs.NvListDecoder}, never from zfs's printout), {@link org.jzrepl.zfs.SendArgs},
 * {@link org.jzrepl.zfs.SendDryRun}, {@link org.jzrepl.zfs.RecvArgs},
 * {@link org.jzrepl.zfs.DatasetInfo}, the dataset type a send stream announces:
 * {@link org.jzrepl.zfs.StreamHeader}), the typed operations ({@link org.jzrepl.zfs.Zfs}) and the
 * {@link org.jzrepl.zfs.ZfsException} hierarchy whose subclasses say what failed (missing, existing,
 * busy, resume token, permission) and keep zfs's raw text.
 *
 * <p>Values are immutable and thread-safe. {@code Zfs} implementations run one process per call in
 * the calling thread; a {@link org.jzrepl.zfs.SendStream} belongs to the thread that reads it and
 * must be closed by its owner. This package depends on no other jzrepl package; the command-line
 * implementation lives in {@code org.jzrepl.zfs.cmd}.
 */
package org.jzrepl.zfs;
