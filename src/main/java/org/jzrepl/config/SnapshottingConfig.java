package org.jzrepl.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code snapshotting}: when a job snapshots its filesystems. Snapshot names are
 * {@code prefix + timestamp}; {@code timestamp_format} defaults to {@code dense}
 * ({@code 20060102_150405_000}), also {@code human}, {@code iso-8601}, {@code unix-seconds} or a
 * Go time layout; {@code timestamp_location} defaults to {@code UTC} ({@code Local} or a zone id).
 */
public sealed interface SnapshottingConfig {
    String DEFAULT_FORMAT = "dense";
    String DEFAULT_LOCATION = "UTC";
    Set<String> NAMED_FORMATS = Set.of("dense", "human", "iso-8601", "unix-seconds");

    /** The section's hooks in config order; none for {@code manual}. */
    List<HookConfig> hooks();

    /** {@code periodic}, {@code cron} or {@code manual}. */
    String type();

    /** {@code periodic}: a snapshot when the newest prefixed one is {@code interval} old. */
    record Periodic(String prefix, Duration interval, String timestampFormat, String timestampLocation,
                    List<HookConfig> hooks) implements SnapshottingConfig {
        public Periodic {
            Names.checkSnapshotPrefix(prefix);
            if (interval.isZero() || interval.isNegative()) {
                throw new IllegalArgumentException("interval must be positive");
            }
            checkTimestamp(timestampFormat, timestampLocation);
            hooks = List.copyOf(hooks);
        }

        @Override
        public String type() {
            return "periodic";
        }
    }

    /** {@code cron}: a snapshot at each time {@code cron} matches. */
    record Cron(String prefix, CronSpec cron, String timestampFormat, String timestampLocation,
                List<HookConfig> hooks) implements SnapshottingConfig {
        public Cron {
            Names.checkSnapshotPrefix(prefix);
            Objects.requireNonNull(cron, "cron");
            checkTimestamp(timestampFormat, timestampLocation);
            hooks = List.copyOf(hooks);
        }

        @Override
        public String type() {
            return "cron";
        }
    }

    /** {@code manual}: the job never snapshots; something else does. */
    record Manual() implements SnapshottingConfig {
        @Override
        public List<HookConfig> hooks() {
            return List.of();
        }

        @Override
        public String type() {
            return "manual";
        }
    }

    /** Validates format and location; throws IllegalArgumentException. */
    static void checkTimestamp(String format, String location) {
        if (!NAMED_FORMATS.contains(format) && (format.isEmpty() || !format.matches("[A-Za-z0-9_.:+-]+"))) {
            throw new IllegalArgumentException("timestamp_format '" + format + "' is neither one of dense, human,"
                    + " iso-8601, unix-seconds nor a Go time layout of [A-Za-z0-9_.:+-]");
        }
        zone(location);
    }

    /** The zone of a {@code timestamp_location}: {@code Local} is the system zone. */
    static ZoneId zone(String location) {
        if (location.equals("Local")) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(location);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("timestamp_location '" + location
                    + "' is not UTC, Local or a time zone like Europe/Berlin");
        }
    }
}
