/**
 * Body parts in frames: {@link org.jzrepl.rpc.stream.StreamWriter} cuts a JSON body or a byte
 * stream (a zfs send) into DATA frames closed by END, and reports a producer failure with an
 * ERROR_TRAILER; {@link org.jzrepl.rpc.stream.FrameInputStream} reads one part back and turns
 * a trailer into a {@link org.jzrepl.rpc.stream.StreamException}, which is a stream failure,
 * not a connection failure.
 *
 * <p><b>Threading.</b> Both run on the thread of the call in progress; neither is thread-safe.
 * Only the frame writer underneath is shared (with the heartbeat timer).
 *
 * <p><b>Ownership.</b> The connection owns the chunk buffers (one direct buffer of the stream
 * chunk size, allocated once). A producer passed to {@code pump} is closed by its owner; a
 * FrameInputStream is closed by whoever got it, which drains what is left of the part.
 */
package org.jzrepl.rpc.stream;
