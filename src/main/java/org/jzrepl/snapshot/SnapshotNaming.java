package org.jzrepl.snapshot;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import org.jzrepl.config.SnapshottingConfig;
import org.jzrepl.util.LogText;
import org.jzrepl.zfs.VersionRef;

/**
 * Snapshot names {@code prefix + timestamp}, as zrepl's {@code snapname} and {@code timestamp}
 * packages make them ({@code internal/daemon/snapper/snapname/timestamp/timestamp.go}).
 *
 * <p>{@code timestamp_format}, case-insensitive: {@code dense} is the Go layout
 * {@value #DENSE} (the {@code _000} is literal text, not milliseconds), {@code human} is
 * {@value #HUMAN}, {@code iso-8601} is {@value #ISO_8601}, {@code unix-seconds} the decimal
 * seconds since the epoch; anything else is a Go layout ({@link GoTimeLayout}). The time is
 * printed in {@code timestamp_location} ({@code UTC}, {@code Local} or a zone like
 * {@code Europe/Berlin}); dense, human and unix-seconds require UTC, as in zrepl.
 *
 * <p>ZFS names cannot hold {@code +}: a format containing one is refused, and the {@code +} a
 * positive zone offset prints becomes {@code _} ({@code 2024-05-14T23:16:23.000_0200}). zrepl
 * replaces only the first {@code +} and only if the zone's offset is positive at start-up, and
 * panics on any other {@code +} (a {@code -0700} in UTC, two offsets, London's summer offset
 * seen in winter); jzrepl replaces every one, which gives zrepl's name wherever zrepl gives one.
 *
 * <p>Like zrepl, the constructor formats sample times (June, December and a long-named date in
 * September) and refuses a combination whose names ZFS would reject; {@link #name} checks each
 * name again. jzrepl also refuses a layout without any time element (every name the same).
 */
public final class SnapshotNaming {
    /** {@code dense}: the {@code _000} is literal (zrepl's names end in {@code _000}). */
    public static final String DENSE = "20060102_150405_000";
    /** {@code human}. */
    public static final String HUMAN = "2006-01-02_15:04:05";
    /** {@code iso-8601}: milliseconds, and {@code Z} or the offset as {@code ±hhmm}. */
    public static final String ISO_8601 = "2006-01-02T15:04:05.000Z0700";

    private static final Instant[] SAMPLES = {
        Instant.parse("2020-06-01T00:00:00Z"), Instant.parse("2020-12-01T00:00:00Z"),
        Instant.parse("2020-09-30T23:59:59.999999999Z")};

    private final String prefix;
    private final String format;
    private final ZoneId zone;
    private final GoTimeLayout layout; // null for unix-seconds

    private SnapshotNaming(String prefix, String format, ZoneId zone, GoTimeLayout layout) {
        this.prefix = prefix;
        this.format = format;
        this.zone = zone;
        this.layout = layout;
    }

    /** The naming of a periodic or cron {@code snapshotting} section. */
    public static SnapshotNaming of(SnapshottingConfig config) {
        if (config instanceof SnapshottingConfig.Periodic p) {
            return of(p.prefix(), p.timestampFormat(), p.timestampLocation());
        }
        if (config instanceof SnapshottingConfig.Cron c) {
            return of(c.prefix(), c.timestampFormat(), c.timestampLocation());
        }
        throw new IllegalArgumentException("manual snapshotting has no snapshot names");
    }

    /** Validates and builds; IllegalArgumentException says which setting to change. */
    public static SnapshotNaming of(String prefix, String format, String location) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("snapshot prefix must not be empty");
        }
        ZoneId zone = SnapshottingConfig.zone(location);
        String named = format.toLowerCase(Locale.ROOT);
        GoTimeLayout layout;
        switch (named) {
            case "dense" -> layout = GoTimeLayout.parse(DENSE);
            case "human" -> layout = GoTimeLayout.parse(HUMAN);
            case "iso-8601" -> layout = GoTimeLayout.parse(ISO_8601);
            case "unix-seconds" -> layout = null;
            default -> layout = custom(format);
        }
        boolean utcOnly = named.equals("dense") || named.equals("human") || named.equals("unix-seconds");
        if (utcOnly && !isUtc(location, zone)) {
            throw new IllegalArgumentException("timestamp_format '" + format + "' requires timestamp_location UTC, not '"
                    + location + "': its names carry no zone offset (use iso-8601 or a Go layout with an offset)");
        }
        SnapshotNaming naming = new SnapshotNaming(prefix, format, zone, layout);
        for (Instant sample : SAMPLES) {
            naming.name(sample);
        }
        return naming;
    }

    private static GoTimeLayout custom(String format) {
        if (format.contains("+")) {
            throw new IllegalArgumentException("timestamp_format '" + LogText.escape(format, 100) + "' contains '+',"
                    + " which ZFS snapshot names cannot hold (a zone offset's '+' is printed as '_')");
        }
        GoTimeLayout layout = GoTimeLayout.parse(format);
        if (!layout.hasElements()) {
            throw new IllegalArgumentException("timestamp_format '" + LogText.escape(format, 100) + "' is neither dense,"
                    + " human, iso-8601, unix-seconds nor a Go time layout with a time element (like 2006-01-02_15:04:05):"
                    + " every snapshot would get the same name");
        }
        return layout;
    }

    /** zrepl accepts only the spelling {@code UTC}; any zone fixed at offset zero is the same here. */
    private static boolean isUtc(String location, ZoneId zone) {
        return !location.equals("Local") && zone.getRules().isFixedOffset()
                && zone.getRules().getOffset(Instant.EPOCH).equals(ZoneOffset.UTC);
    }

    /** The snapshot name for a snapshot taken at {@code time}. */
    public String name(Instant time) {
        String stamp = layout == null ? Long.toString(time.getEpochSecond())
                : layout.format(ZonedDateTime.ofInstant(time, zone)).replace('+', '_');
        String name = prefix + stamp;
        if (name.equals(".") || name.equals("..") || !validShortName(name)) {
            throw new IllegalArgumentException("snapshot prefix '" + LogText.escape(prefix, 100) + "' with timestamp_format '"
                    + LogText.escape(format, 100) + "' gives the invalid snapshot name '" + LogText.escape(name, 300)
                    + "' (ZFS allows A-Z a-z 0-9 _ . : - and space, at most 255 characters)");
        }
        return name;
    }

    private static boolean validShortName(String name) {
        try {
            VersionRef.checkName(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public String prefix() {
        return prefix;
    }

    /** The configured format as written ({@code dense}, a Go layout, ...). */
    public String format() {
        return format;
    }

    /** The zone the timestamp is printed in. */
    public ZoneId zone() {
        return zone;
    }

    @Override
    public String toString() {
        return prefix + "<" + format + " in " + zone + ">";
    }
}
