/**
 * The replication endpoints: {@link org.jzrepl.endpoint.Sender} and
 * {@link org.jzrepl.endpoint.Receiver} (the RPC-facing interfaces, {@link org.jzrepl.endpoint.Messages}
 * their wire values) and their implementations on ZFS, {@link org.jzrepl.endpoint.ZfsSender} and
 * {@link org.jzrepl.endpoint.ZfsReceiver}; the holds and cursor bookmarks replication leaves
 * ({@link org.jzrepl.endpoint.AbstractionNames}, {@link org.jzrepl.endpoint.Abstractions}).
 *
 * <p><b>Role.</b> Remote callers are untrusted; every argument is checked before zfs runs.
 * The sender serves only what its {@code filesystems} filter selects, checks that {@code from}/{@code to}
 * exist with the requested guids, validates a resume token against the request
 * ({@link org.jzrepl.endpoint.ResumeTokenCheck}), never sends an encrypted dataset decrypted, and
 * protects each step per the guarantee ({@code StepProtection}: step holds, tentative cursors, or
 * nothing); {@code sendCompleted} moves the cursor {@code #jzrepl_CURSOR_G_<guid>_J_<job>} and drops
 * the step's protection. A source job serves each client identity through {@code ZfsSender.forClient},
 * whose step holds and cursors carry the client ({@code _C<n>_<client>_J_<job>}, see
 * {@link org.jzrepl.endpoint.AbstractionNames}): one client's completion never touches another's. The receiver maps the sender's names below its root
 * ({@link org.jzrepl.endpoint.ReceivePath}: {@code root_fs/<identity>} for a sink, {@code root_fs} for
 * a pull), creates missing parents as placeholders, receives with {@code zfs recv -s -u} and, unless
 * {@code recv.safe_mount: false}, with properties that keep a received filesystem from mounting,
 * sharing or honouring setuid/devices whatever the sender's stream carries
 * ({@link org.jzrepl.endpoint.ReceiveProperties}; the dataset type of a new target is read from the
 * stream's first record, {@link org.jzrepl.zfs.StreamHeader}), checks the received guid and moves
 * {@code jzrepl_last_received_J_<job>}. zrepl's {@code zrepl_} names are
 * recognised and never released.
 *
 * <p><b>Errors.</b> Refusals and zfs failures are {@link org.jzrepl.endpoint.EndpointException}s with
 * a code (zfs's text kept in the message); they cross the RPC connection as that type. A zfs send that
 * fails mid-stream makes the stream's last read throw an IOException with zfs's stderr, which the RPC
 * layer forwards as the stream's error trailer.
 *
 * <p><b>Listings.</b> {@code listFilesystems} lists each side in one recursive command (the sender
 * its filter's roots, the receiver its root) with every snapshot and bookmark, and keeps that listing
 * ({@code ListingSnapshot}) for a short while to answer the per-filesystem questions of planning and
 * pruning that follow ({@code listFilesystemVersions}, {@code replicationCursor}, a dry run's check)
 * without a zfs command each. Whatever acts (a send, a cursor move, a receive, a destroy) checks on a
 * fresh listing of its filesystem, and a filesystem this endpoint changed after the kept listing
 * started is listed afresh.
 *
 * <p><b>Threading.</b> The implementations hold no mutable state besides the injected
 * {@link org.jzrepl.zfs.Zfs} and that thread-safe listing: one instance serves calls from several
 * connections at once. Steps on
 * the same filesystem must not overlap (the driver runs one step per filesystem at a time); two
 * receives into siblings may race to create a shared placeholder, which is tolerated. Within a
 * call, independent short zfs commands (the send estimate and the step's holds, the received guid
 * check and its hold) run two at a time through {@code Parallel}, which waits for both before the
 * call goes on: no zfs command outlives the call that started it.
 *
 * <p><b>Ownership.</b> {@code send} returns a {@link org.jzrepl.rpc.Streamed} whose stream owns the
 * running {@code zfs send} ({@link org.jzrepl.zfs.SendStream}): the caller (the RPC server, or the
 * local driver) reads it to its end (which waits for zfs and reports its failure) or closes it (which
 * kills zfs); either way it must be closed. {@code receive} reads the given stream to its end and does
 * not close it.
 *
 * <p><b>Dependencies.</b> {@code rpc} (Streamed, the remote exception type), {@code zfs}, {@code config}.
 */
package org.jzrepl.endpoint;
