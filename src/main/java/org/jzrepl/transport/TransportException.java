package org.jzrepl.transport;

import java.io.IOException;
import java.util.Objects;

/**
 * A dial or hand-over failed. The {@link Kind} tells the caller whether waiting and retrying can
 * help ({@link #isTemporary()}) or a human must change configuration first; the message says what.
 */
public class TransportException extends IOException {

    /** What went wrong, coarse enough for retry decisions. */
    public enum Kind {
        /** The network path is down or slow: no TCP connection, dial timeout, connection cut. */
        UNREACHABLE(true),
        /** The remote host answered but its jzrepl daemon did not (not running, restarting). */
        DAEMON_NOT_REACHABLE(true),
        /**
         * The passive side serves as many connections as its caps allow (for this client identity or
         * for the job) and refused one more; a later dial may work, raising the cap makes it work.
         */
        OVER_CAPACITY(true),
        /** The server's host key is unknown or changed: known_hosts must be fixed. */
        HOST_KEY_REJECTED(false),
        /** The server refused our key, or the local key cannot be used. */
        AUTHENTICATION_FAILED(false),
        /** The remote side ran something that is not jzrepl stdinserver, or spoke garbage. */
        PROTOCOL(false),
        /** Local or remote configuration is wrong (sockdir, identity, options). */
        CONFIGURATION(false);

        private final boolean temporary;

        Kind(boolean temporary) {
            this.temporary = temporary;
        }

        public boolean temporary() {
            return temporary;
        }
    }

    private final Kind kind;

    public TransportException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind);
    }

    public TransportException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind);
    }

    public Kind kind() {
        return kind;
    }

    /** True when the same dial may succeed later without a configuration change. */
    public boolean isTemporary() {
        return kind.temporary();
    }
}
