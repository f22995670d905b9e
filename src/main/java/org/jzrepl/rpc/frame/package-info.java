/**
 * Frame layer of the jzrepl RPC: typed, length-checked frames over a pair of blocking byte
 * channels. The wire format, every type and cap, is in {@link org.jzrepl.rpc.frame.Frames}.
 *
 * <p><b>Threading.</b> A {@link org.jzrepl.rpc.frame.FrameReader} has one reading thread at a
 * time (the call in progress, or the server loop). A {@link org.jzrepl.rpc.frame.FrameWriter}
 * is shared by the calling thread and the heartbeat timer; it serialises whole frames under a
 * lock, so frames never interleave. Both publish when they are blocked in the channel, which
 * the liveness watchdog reads from its own thread.
 *
 * <p><b>Ownership.</b> Reader and writer never close the channels: the connection owns them and
 * closes them; a read or write blocked at that moment fails with the reason recorded in the
 * shared {@link org.jzrepl.rpc.frame.LinkState}.
 *
 * <p><b>Errors.</b> Every violation (unknown type, length above cap, non-zero flags, truncation)
 * is a {@link org.jzrepl.rpc.frame.ProtocolException} with a code; lengths are checked before a
 * payload buffer is allocated.
 */
package org.jzrepl.rpc.frame;
