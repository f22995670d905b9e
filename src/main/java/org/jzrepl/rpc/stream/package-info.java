/**
 * A byte stream carried in data frames: the body of {@code Send} and {@code Receive}.
 *
 * <p><b>Role.</b> The producer side cuts the stream into frames and ends it with END, or, when the
 * producer fails mid-stream (zfs send died), with ERROR-TRAILER frames carrying the error text:
 * a stream error, distinct from a connection error, that leaves the connection usable.
 *
 * <p><b>Threading.</b> One producer and one consumer thread per stream.
 *
 * <p><b>Ownership.</b> The consumer must read the stream to its end or abort it; closing an
 * unfinished stream aborts the call (and the connection, when it cannot be resynchronised).
 */
package org.jzrepl.rpc.stream;
