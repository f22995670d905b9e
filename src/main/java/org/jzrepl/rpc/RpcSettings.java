package org.jzrepl.rpc;

import java.time.Duration;
import java.util.Objects;
import org.jzrepl.rpc.frame.Frames;
import org.jzrepl.runtime.TaskRunner;

/**
 * Tunables of one RPC connection; {@link #defaults()} are the protocol's defaults from {@link Frames}.
 *
 * @param heartbeatInterval send a HEARTBEAT after this long without writing (default 5 s)
 * @param idleTimeout       a read waiting this long for a byte, or a write blocked this long,
 *                          ends the connection with IDLE_TIMEOUT (default 30 s)
 * @param handshakeTimeout  the peer's handshake must arrive within this (default 10 s)
 * @param closeTimeout      how long an orderly close waits for CLOSE_ACK / EOF (default 10 s)
 * @param streamChunk       payload size of the DATA frames a stream is cut into (default 1 MiB)
 * @param callIdleTimeout   server side: a connection with no call for this long (heartbeats do
 *                          not count) is closed with CLOSE (default 10 min)
 * @param timers            the runtime that runs the liveness ticks, heartbeats and deadlines
 *                          (the daemon's task runner)
 */
public record RpcSettings(Duration heartbeatInterval, Duration idleTimeout, Duration handshakeTimeout,
                          Duration closeTimeout, int streamChunk, Duration callIdleTimeout, TaskRunner timers) {

    public RpcSettings {
        positive(heartbeatInterval, "heartbeatInterval");
        positive(idleTimeout, "idleTimeout");
        positive(handshakeTimeout, "handshakeTimeout");
        positive(closeTimeout, "closeTimeout");
        positive(callIdleTimeout, "callIdleTimeout");
        Objects.requireNonNull(timers, "timers");
        if (heartbeatInterval.compareTo(idleTimeout) >= 0) {
            throw new IllegalArgumentException("heartbeatInterval " + heartbeatInterval
                    + " must be shorter than idleTimeout " + idleTimeout);
        }
        if (streamChunk < 4096 || streamChunk > Frames.MAX_DATA_PAYLOAD) {
            throw new IllegalArgumentException("streamChunk " + streamChunk + " outside 4096.." + Frames.MAX_DATA_PAYLOAD);
        }
    }

    /** The protocol's default timeouts and chunk size, with liveness run on {@code timers}. */
    public static RpcSettings defaults(TaskRunner timers) {
        return new RpcSettings(Frames.HEARTBEAT_INTERVAL, Frames.IDLE_TIMEOUT, Frames.HANDSHAKE_TIMEOUT,
                Frames.CLOSE_TIMEOUT, Frames.DEFAULT_STREAM_CHUNK, Frames.CALL_IDLE_TIMEOUT, timers);
    }

    public RpcSettings withLiveness(Duration heartbeat, Duration idle) {
        return new RpcSettings(heartbeat, idle, handshakeTimeout, closeTimeout, streamChunk, callIdleTimeout, timers);
    }

    public RpcSettings withHandshakeTimeout(Duration timeout) {
        return new RpcSettings(heartbeatInterval, idleTimeout, timeout, closeTimeout, streamChunk, callIdleTimeout, timers);
    }

    public RpcSettings withCloseTimeout(Duration timeout) {
        return new RpcSettings(heartbeatInterval, idleTimeout, handshakeTimeout, timeout, streamChunk, callIdleTimeout, timers);
    }

    public RpcSettings withStreamChunk(int bytes) {
        return new RpcSettings(heartbeatInterval, idleTimeout, handshakeTimeout, closeTimeout, bytes, callIdleTimeout, timers);
    }

    public RpcSettings withCallIdleTimeout(Duration timeout) {
        return new RpcSettings(heartbeatInterval, idleTimeout, handshakeTimeout, closeTimeout, streamChunk, timeout, timers);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
