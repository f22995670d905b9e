/**
 * The frame layer: typed, length-checked frames on a {@link org.jzrepl.transport.Wire}.
 *
 * <p><b>Role.</b> One constants class holds the frame types, flags, size caps and timeouts; a reader
 * checks a frame's length against its type's cap before allocating and handles unknown types
 * explicitly; a writer has one method per frame type. Heartbeat frames keep an idle connection
 * alive and an idle peer is detected by a read timeout.
 *
 * <p><b>Threading.</b> One reader thread; writers serialize on the writer (data and heartbeat
 * frames never interleave within a frame).
 *
 * <p><b>Ownership.</b> Reader and writer do not own the wire; the connection above them does.
 * Buffers handed out by the reader belong to the caller until the next read.
 */
package org.jzrepl.rpc.frame;
