package org.jzrepl.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.jzrepl.config.LoggingOutlet;
import org.jzrepl.util.log.LogEntry;
import org.jzrepl.util.log.LogFormat;
import org.jzrepl.util.log.LogOutlet;
import org.jzrepl.util.log.PemTls;
import org.jzrepl.util.log.QueuedOutlet;
import org.jzrepl.util.log.StreamOutlet;
import org.jzrepl.util.log.SyslogSink;
import org.jzrepl.util.log.TcpSink;

/** Turns {@code global.logging} into the log's outlets: the one place that maps config to outlets. */
final class LogOutlets {
    static final String TAG = "jzrepl";

    private LogOutlets() {
    }

    /**
     * The outlets of {@code config}; {@code syslogSocket} is {@value SyslogSink#DEV_LOG} in the daemon.
     *
     * @throws IOException a tcp outlet's TLS files cannot be read (the message names the file)
     */
    static List<LogOutlet> of(List<LoggingOutlet> config, Map<String, String> env, Path syslogSocket)
            throws IOException {
        List<LogOutlet> out = new ArrayList<>();
        for (LoggingOutlet o : config) {
            out.add(of(o, env, syslogSocket));
        }
        return out;
    }

    static LogOutlet of(LoggingOutlet o, Map<String, String> env, Path syslogSocket) throws IOException {
        LogEntry.Level level = LogEntry.Level.valueOf(o.level().name());
        LogFormat format = LogFormat.valueOf(o.format().name());
        if (o instanceof LoggingOutlet.Stdout s) {
            return new StreamOutlet(() -> System.out, level, format, StreamOutlet.timeUnlessJournal(s.time(), env),
                    s.color());
        }
        if (o instanceof LoggingOutlet.Syslog s) {
            return new QueuedOutlet("syslog", level, format, new SyslogSink(syslogSocket, facility(s.facility()), TAG,
                    ZoneId.systemDefault()), s.retryInterval());
        }
        LoggingOutlet.Tcp t = (LoggingOutlet.Tcp) o;
        SSLContext tls = t.tls() == null ? null : PemTls.client(t.tls().ca(), t.tls().cert(), t.tls().key());
        String host = t.address().substring(0, t.address().lastIndexOf(':'));
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = Integer.parseInt(t.address().substring(t.address().lastIndexOf(':') + 1));
        return new QueuedOutlet("tcp " + t.address(), level, format, new TcpSink(host, port, t.net(), tls),
                t.retryInterval());
    }

    /** syslog's facility codes: kern 0 ... authpriv 10, ftp 11, local0-7 16-23. */
    static int facility(LoggingOutlet.Facility f) {
        return switch (f) {
            case KERN -> 0;
            case USER -> 1;
            case MAIL -> 2;
            case DAEMON -> 3;
            case AUTH -> 4;
            case SYSLOG -> 5;
            case LPR -> 6;
            case NEWS -> 7;
            case UUCP -> 8;
            case CRON -> 9;
            case AUTHPRIV -> 10;
            case FTP -> 11;
            case LOCAL0 -> 16;
            case LOCAL1 -> 17;
            case LOCAL2 -> 18;
            case LOCAL3 -> 19;
            case LOCAL4 -> 20;
            case LOCAL5 -> 21;
            case LOCAL6 -> 22;
            case LOCAL7 -> 23;
        };
    }
}
