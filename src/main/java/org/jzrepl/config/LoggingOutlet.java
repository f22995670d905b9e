package org.jzrepl.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * One {@code global.logging} outlet; {@code level} and {@code format} are required. Without a
 * {@code logging} key the daemon logs to stdout, human format, level warn, with time and color.
 */
public sealed interface LoggingOutlet {
    Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(10);

    Level level();

    Format format();

    /** Log levels, least severe first. */
    enum Level { DEBUG, INFO, WARN, ERROR }

    /** Line formats. */
    enum Format { HUMAN, LOGFMT, JSON }

    /** syslog facilities, as zrepl names them; default local0. */
    enum Facility { KERN, USER, MAIL, DAEMON, AUTH, SYSLOG, LPR, NEWS, UUCP, CRON, AUTHPRIV, FTP,
        LOCAL0, LOCAL1, LOCAL2, LOCAL3, LOCAL4, LOCAL5, LOCAL6, LOCAL7 }

    /** {@code stdout}: {@code time} (timestamps, default true), {@code color} (default true). */
    record Stdout(Level level, Format format, boolean time, boolean color) implements LoggingOutlet {
        public static final Stdout DEFAULT = new Stdout(Level.WARN, Format.HUMAN, true, true);

        public Stdout {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(format, "format");
        }
    }

    /** {@code syslog}: {@code facility} (default local0), {@code retry_interval} (default 10s). */
    record Syslog(Level level, Format format, Facility facility, Duration retryInterval) implements LoggingOutlet {
        public Syslog {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(facility, "facility");
            positive(retryInterval);
        }
    }

    /** {@code tcp}: to {@code address} over {@code net} (tcp, tcp4, tcp6; default tcp), optionally TLS. */
    record Tcp(Level level, Format format, String address, String net, Duration retryInterval, TlsFiles tls)
            implements LoggingOutlet {
        public Tcp {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(format, "format");
            Names.checkHostPort(address);
            if (!net.equals("tcp") && !net.equals("tcp4") && !net.equals("tcp6")) {
                throw new IllegalArgumentException("net '" + net + "' is not one of tcp, tcp4, tcp6");
            }
            positive(retryInterval);
        }
    }

    /** {@code tls} of a tcp outlet: CA to verify the server, client cert and key. */
    record TlsFiles(Path ca, Path cert, Path key) {
        public TlsFiles {
            Objects.requireNonNull(ca, "ca");
            Objects.requireNonNull(cert, "cert");
            Objects.requireNonNull(key, "key");
        }
    }

    private static void positive(Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("retry_interval must be positive");
        }
    }
}
