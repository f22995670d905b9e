package org.jzrepl.cli.status;

import java.time.Duration;
import java.util.Locale;

/** How the status screen writes sizes, rates and durations: IEC units, short and of steady width. */
final class Units {
    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Units() {
    }

    /** {@code 0 B}, {@code 512 B}, {@code 1.5 KiB}, {@code 12.3 MiB}, {@code 120 GiB}. */
    static String bytes(long n) {
        if (n < 0) {
            return "?";
        }
        if (n < 1024) {
            return n + " B";
        }
        double v = n;
        int unit = 0;
        while (v >= 1024 && unit < BYTE_UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        String num = v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
        return num + " " + BYTE_UNITS[unit];
    }

    /** {@code 160.0 KiB/s}; {@code -} for no rate. */
    static String rate(double bytesPerSecond) {
        if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) {
            return "-";
        }
        return bytes(Math.round(bytesPerSecond)) + "/s";
    }

    /** {@code 45s}, {@code 3m05s}, {@code 2h07m}, {@code 3d04h}; negative durations as {@code 0s}. */
    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        if (s < 86400) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86400, s % 86400 / 3600);
    }

    /** The time left at {@code rate} for {@code remaining} bytes, or {@code -} when it cannot be told. */
    static String eta(long remaining, double bytesPerSecond) {
        if (remaining <= 0) {
            return "0s";
        }
        if (!(bytesPerSecond > 0)) {
            return "-";
        }
        double secs = remaining / bytesPerSecond;
        if (secs > 100L * 86400) {
            return ">100d";
        }
        return duration(Duration.ofSeconds((long) Math.ceil(secs)));
    }

    /**
     * A bar of {@code width} cells (brackets included): {@code [=====>    ]}. {@code expected <= 0}
     * (zfs gave no estimate) draws an empty bar; progress beyond the estimate fills it.
     */
    static String bar(long done, long expected, int width) {
        int inner = Math.max(1, width - 2);
        int filled = 0;
        if (expected > 0) {
            filled = (int) Math.min(inner, (double) Math.max(0, done) * inner / expected);
        }
        StringBuilder b = new StringBuilder(width).append('[');
        for (int i = 0; i < inner; i++) {
            if (i < filled - 1 || (i == filled - 1 && filled == inner)) {
                b.append('=');
            } else if (i == filled - 1) {
                b.append('>');
            } else {
                b.append(' ');
            }
        }
        return b.append(']').toString();
    }

    /** {@code 42%}, or {@code ?%} without an estimate; capped at 100. */
    static String percent(long done, long expected) {
        if (expected <= 0) {
            return "?%";
        }
        return Math.min(100, Math.max(0, done) * 100 / expected) + "%";
    }
}
