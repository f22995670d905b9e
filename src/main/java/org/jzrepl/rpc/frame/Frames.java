package org.jzrepl.rpc.frame;

import java.time.Duration;

/**
 * The jzrepl RPC wire protocol, all of it that is a number: frame types, sizes, caps, defaults.
 *
 * <h2>Connection</h2>
 * Both sides first send a handshake (see {@link #HANDSHAKE_MAGIC}), then read the peer's; after
 * that the connection carries frames only, in both directions.
 *
 * <h2>Handshake</h2>
 * <pre>
 *   +----+----+----+----+---------+---------+------------------------------------------+
 *   | 'J'| 'Z'| 'R'| 'P'| len u16 (BE)      | len bytes US-ASCII:                      |
 *   +----+----+----+----+---------+---------+ "jzrepl-rpc version=N extensions=a,b\n"   |
 *                                           +------------------------------------------+
 * </pre>
 *
 * <h2>Frame</h2>
 * An 8-byte big-endian header, then {@code length} payload bytes:
 * <pre>
 *    0               1               2               3
 *    0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7
 *   +---------------+---------------+-------------------------------+
 *   |   type (u8)   | flags (u8)=0  |       reserved (u16) = 0      |
 *   +---------------+---------------+-------------------------------+
 *   |                        length (u32)                           |
 *   +---------------------------------------------------------------+
 *   |                     payload (length bytes) ...                |
 *   +---------------------------------------------------------------+
 * </pre>
 * No flag is defined yet: a non-zero flags or reserved field is a protocol error, so a future
 * version that uses them must bump {@link #PROTOCOL_VERSION} or negotiate an extension.
 *
 * <h2>Calls</h2>
 * <pre>
 *   client: HEADER(request json)  [body]      ...        server: HEADER(response json) [body]
 *   body  = json-part? stream-part?     (which parts: the header's body kind)
 *   part  = DATA* (ERROR_TRAILER)? END   (ERROR_TRAILER only in a stream part)
 * </pre>
 * HEARTBEAT may appear between any two frames. CLOSE (client, between calls) is answered by
 * CLOSE_ACK, after which both sides close their byte channels; RST carries a reason and aborts.
 * A server closes a connection that had no call for its call idle timeout with CLOSE and closes
 * its channels without waiting: it runs no call after that CLOSE, so a client that reads CLOSE
 * where it expects a response knows that call did not run.
 *
 * <p><b>Interop warning:</b> every number here is part of the wire format. Changing one means a
 * new {@link #PROTOCOL_VERSION}; peers with different versions refuse each other at handshake.
 */
public final class Frames {
    private Frames() {
    }

    // ---- handshake
    /** First four bytes a jzrepl-rpc peer sends. */
    public static final byte[] HANDSHAKE_MAGIC = {'J', 'Z', 'R', 'P'};
    /** Protocol name in the handshake text. */
    public static final String PROTOCOL_NAME = "jzrepl-rpc";
    /** Wire version; peers must agree exactly. */
    public static final int PROTOCOL_VERSION = 1;
    /** Cap on the handshake text after magic and length. */
    public static final int MAX_HANDSHAKE_TEXT = 1024;
    /** How long a peer may take to send its handshake. */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    // ---- frame header
    public static final int HEADER_SIZE = 8;

    // ---- frame types (u8). Unknown types are a protocol error.
    /** A call header: request header from the client, response header from the server (JSON). */
    public static final int TYPE_HEADER = 0x01;
    /** A chunk of a body part. */
    public static final int TYPE_DATA = 0x02;
    /** Ends a body part. Empty. */
    public static final int TYPE_END = 0x03;
    /** Producer of a stream part failed; payload = reason (UTF-8); END follows. */
    public static final int TYPE_ERROR_TRAILER = 0x04;
    /** Liveness only, carries nothing. Empty. */
    public static final int TYPE_HEARTBEAT = 0x10;
    /** Client asks for an orderly close, between calls. Empty. */
    public static final int TYPE_CLOSE = 0x20;
    /** Answer to CLOSE; the sender closes its channels next. Empty. */
    public static final int TYPE_CLOSE_ACK = 0x21;
    /** Abort the connection; payload = reason (UTF-8). */
    public static final int TYPE_RST = 0x2F;

    // ---- caps (checked by the reader before it allocates anything)
    /** Max payload of one DATA frame. */
    public static final int MAX_DATA_PAYLOAD = 1 << 20;
    /** Max payload of a HEADER frame (request or response header JSON). */
    public static final int MAX_CALL_HEADER = 32 << 10;
    /** Max total size of a JSON body part (sum of its DATA frames). */
    public static final int MAX_JSON_BODY = 8 << 20;
    /** Max payload of one ERROR_TRAILER frame. */
    public static final int MAX_ERROR_TRAILER = 16 << 10;
    /** Max payload of an RST frame. */
    public static final int MAX_RST_REASON = 4 << 10;

    // ---- liveness and teardown defaults (see RpcSettings)
    /** Send a HEARTBEAT after this long without any write. */
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(5);
    /** A read blocked this long without a byte means the peer is gone. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Server: a connection with no call for this long (heartbeats do not count) is closed with CLOSE
     * (a passive job's {@code serve.idle_connection_timeout}).
     */
    public static final Duration CALL_IDLE_TIMEOUT = Duration.ofMinutes(10);
    /** How long CLOSE waits for CLOSE_ACK, and CLOSE_ACK for the peer's EOF. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** Default size of the DATA frames a stream producer writes. */
    public static final int DEFAULT_STREAM_CHUNK = 1 << 20;
}
