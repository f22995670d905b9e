package org.jzrepl.util.log;

import java.io.IOException;
import java.net.DatagramPacket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The {@code syslog} outlet's connection: one datagram per entry to the local syslog socket
 * ({@value #DEV_LOG}; the JDK cannot open a unix datagram socket, junixsocket can), in the format
 * Go's {@code log/syslog} uses locally (zrepl's): {@code <PRI>Mmm dd hh:mm:ss TAG[PID]: LINE},
 * where PRI is facility * 8 + severity.
 */
public final class SyslogSink implements QueuedOutlet.Sink {
    public static final String DEV_LOG = "/dev/log";
    /** At most this many bytes of a line are sent (syslog daemons cut long datagrams anyway). */
    static final int MAX_BYTES = 8192;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

    private final Path socket;
    private final int facility;
    private final String tag;
    private final ZoneId zone;
    private AFUNIXDatagramSocket conn;

    /**
     * @param socket   the syslog socket, normally {@value #DEV_LOG}
     * @param facility the facility code (0 kern ... 16-23 local0-local7)
     * @param tag      the program name shown, e.g. jzrepl
     */
    public SyslogSink(Path socket, int facility, String tag, ZoneId zone) {
        if (facility < 0 || facility > 23) {
            throw new IllegalArgumentException("syslog facility " + facility + " is not 0-23");
        }
        this.socket = socket;
        this.facility = facility;
        this.tag = tag;
        this.zone = zone;
    }

    /** Severity of a level: error 3, warning 4, info 6, debug 7. */
    static int severity(LogEntry.Level l) {
        return switch (l) {
            case ERROR -> 3;
            case WARN -> 4;
            case INFO -> 6;
            case DEBUG, TRACE -> 7;
        };
    }

    /** The datagram's text for {@code line} of entry {@code e}. */
    String datagram(LogEntry e, String line) {
        return "<" + (facility * 8 + severity(e.level())) + ">" + STAMP.format(e.time().atZone(zone)) + " " + tag
                + "[" + ProcessHandle.current().pid() + "]: " + line;
    }

    @Override
    public void send(LogEntry e, String line) throws IOException {
        if (conn == null) {
            AFUNIXDatagramSocket s = AFUNIXDatagramSocket.newInstance();
            try {
                s.connect(AFUNIXSocketAddress.of(socket));
            } catch (IOException ex) {
                s.close();
                throw ex;
            }
            conn = s;
        }
        byte[] b = datagram(e, line).getBytes(StandardCharsets.UTF_8);
        conn.send(new DatagramPacket(b, Math.min(b.length, MAX_BYTES)));
    }

    @Override
    public void reset() {
        if (conn != null) {
            conn.close();
            conn = null;
        }
    }
}
