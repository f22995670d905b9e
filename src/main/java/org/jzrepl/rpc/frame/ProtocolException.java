package org.jzrepl.rpc.frame;

import java.io.IOException;
import java.util.Objects;

/**
 * The connection is unusable: the peer broke the protocol, went away, reset, or timed out. The
 * caller can only drop the connection; {@link Code#transientFailure()} says whether a new one is
 * worth trying (a network failure) or not (a peer speaking something else).
 *
 * <p>A failed stream ({@code StreamException}) or a failed call ({@code RpcRemoteException}) is
 * not this: after them the connection is still in sync and usable.
 */
public class ProtocolException extends IOException {

    public enum Code {
        /** Peer sent something that is not a jzrepl-rpc handshake. */
        BAD_HANDSHAKE(false),
        /** Peer speaks another protocol version. */
        VERSION_MISMATCH(false),
        /** Peer did not complete the handshake in time. */
        HANDSHAKE_TIMEOUT(true),
        /** The byte stream ended inside a frame. */
        TRUNCATED_FRAME(true),
        /** A length field above the cap for its frame type or body. */
        FRAME_TOO_LARGE(false),
        /** A frame type code this version does not know. */
        UNKNOWN_FRAME_TYPE(false),
        /** Non-zero flags or reserved bits, or a malformed payload. */
        MALFORMED_FRAME(false),
        /** A well-formed frame where the message layer expects another type. */
        UNEXPECTED_FRAME(false),
        /** A call header that is not valid JSON of the expected structure. */
        BAD_CALL_HEADER(false),
        /** The peer closed its side between frames without CLOSE. */
        PEER_EOF(true),
        /**
         * The server sent CLOSE where the response to a call was due: it closed the connection
         * for lack of calls before it read this one, so the call did not run.
         */
        PEER_CLOSED(true),
        /** The peer sent RST; the message holds its reason. */
        PEER_RESET(true),
        /** No byte from the peer, or no write progress, within the idle timeout. */
        IDLE_TIMEOUT(true),
        /** Reading or writing the byte channel failed. */
        IO_ERROR(true),
        /** This side closed or aborted the connection. */
        CLOSED(false);

        private final boolean transientFailure;

        Code(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        /** True if a new connection may well succeed (network trouble, not a broken peer). */
        public boolean transientFailure() {
            return transientFailure;
        }
    }

    private final Code code;

    public ProtocolException(Code code, String message) {
        this(code, message, null);
    }

    public ProtocolException(Code code, String message, Throwable cause) {
        super(Objects.requireNonNull(code, "code") + ": " + message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
