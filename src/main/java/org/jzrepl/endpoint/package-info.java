/**
 * The replication endpoints: {@code Sender} and {@code Receiver}, the RPC-facing interfaces and
 * their ZFS-backed implementations.
 *
 * <p><b>Role.</b> The sender serves listings, sends (after checking the filesystem filter, the
 * requested versions and any resume token it is given), holds and replication cursors; the receiver
 * lists and receives under {@code root_fs[/identity]}, creates placeholders, and keeps
 * last-received holds. The filesystem filter and the root_fs mapping live here. Remote callers are
 * untrusted: every argument is checked.
 *
 * <p><b>Threading.</b> Implementations are thread-safe; concurrent calls come from separate
 * connections.
 *
 * <p><b>Ownership.</b> A send returns a stream owned by the caller (the RPC layer), which closes it.
 *
 * <p><b>Dependencies.</b> {@code rpc}, {@code transport}, {@code zfs}, {@code config}.
 */
package org.jzrepl.endpoint;
