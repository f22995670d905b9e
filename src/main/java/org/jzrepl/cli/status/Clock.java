package org.jzrepl.cli.status;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Times on the status screen: the daemon reports RFC 3339 strings; the screen shows them in the
 * viewer's zone, relative to {@code now} where that reads better ("in 4m12s").
 *
 * @param now  the time the report was fetched
 * @param zone the viewer's time zone
 */
record Clock(Instant now, ZoneId zone) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** The instant of an RFC 3339 string, or null when absent or unreadable. */
    static Instant parse(String rfc3339) {
        if (rfc3339 == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(rfc3339).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code 12:04:05} today, {@code 2025-01-02 12:04} on another day; the escaped text if unreadable. */
    String at(String rfc3339) {
        Instant t = parse(rfc3339);
        if (t == null) {
            return ScreenText.safe(rfc3339);
        }
        ZonedDateTime z = t.atZone(zone);
        return z.toLocalDate().equals(now.atZone(zone).toLocalDate()) ? TIME.format(z) : DATE_TIME.format(z);
    }

    /** {@code in 4m12s (12:08:17)}, {@code now}, or {@code -} for none. */
    String until(String rfc3339) {
        Instant t = parse(rfc3339);
        if (t == null) {
            return rfc3339 == null ? "-" : ScreenText.safe(rfc3339);
        }
        Duration d = Duration.between(now, t);
        return (d.isNegative() || d.isZero() ? "now" : "in " + Units.duration(d)) + " (" + at(rfc3339) + ")";
    }

    /** {@code 3m05s ago}, or {@code -} for none. */
    String ago(String rfc3339) {
        Instant t = parse(rfc3339);
        return t == null ? ScreenText.safe(rfc3339) : Units.duration(Duration.between(t, now)) + " ago";
    }
}
