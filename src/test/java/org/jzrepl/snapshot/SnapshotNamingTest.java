package org.jzrepl.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.jzrepl.config.CronSpec;
import org.jzrepl.config.SnapshottingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Names against zrepl's timestamp_test.go, its docs' examples and the ZFS name rules. */
class SnapshotNamingTest {

    private static final Instant Y2038 = Instant.parse("2038-01-19T03:14:07Z");
    private static final Instant ZREPL_TEST_TIME = Instant.parse("2024-05-14T21:16:23Z");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "dense|UTC|zrepl_20380119_031407_000",
        "DENSE|UTC|zrepl_20380119_031407_000",
        "human|UTC|zrepl_2038-01-19_03:14:07",
        "iso-8601|UTC|zrepl_2038-01-19T03:14:07.000Z",
        "unix-seconds|UTC|zrepl_2147483647",
        "unix-seconds|Etc/UTC|zrepl_2147483647",
        "iso-8601|America/New_York|zrepl_2038-01-18T22:14:07.000-0500",
        "2006-01-02|UTC|zrepl_2038-01-19",
        "Jan_2_2006_15.04|Europe/Berlin|zrepl_Jan19_2038_04.14",
        "Mon Jan _2|UTC|zrepl_Tue Jan 19"})
    void namesATime(String format, String location, String expected) {
        assertEquals(expected, SnapshotNaming.of("zrepl_", format, location).name(Y2038));
    }

    @Test
    void denseIgnoresSubSecondsAndAlwaysEndsInLiteralZeros() {
        SnapshotNaming n = SnapshotNaming.of("zrepl_", "dense", "UTC");
        assertEquals("zrepl_20380119_031407_000", n.name(Y2038.plusMillis(999)));
    }

    /** zrepl TestIso8601PrintsTimeZoneOffset. */
    @Test
    void iso8601PrintsAPositiveOffsetWithUnderscore() {
        assertEquals("2024-05-14T23:16:23.000_0200",
                SnapshotNaming.of("p", "iso-8601", "Europe/Berlin").name(ZREPL_TEST_TIME).substring(1));
    }

    /** zrepl TestFormatCanReplacePlusWithUnderscore. */
    @Test
    void customLayoutReplacesThePlusOfAnOffset() {
        assertEquals("2024-05-14_23:16:23_02:00:00",
                SnapshotNaming.of("p", "2006-01-02_15:04:05-07:00:00", "Europe/Berlin").name(ZREPL_TEST_TIME).substring(1));
    }

    /** Where zrepl panics (a "+0000" in UTC, a second offset, London in summer): every '+' becomes '_'. */
    @Test
    void everyPlusBecomesUnderscoreWhereZreplWouldPanic() {
        assertEquals("p2024-05-14_21_0000", SnapshotNaming.of("p", "2006-01-02_15-0700", "UTC").name(ZREPL_TEST_TIME));
        assertEquals("p23_0200_02", SnapshotNaming.of("p", "15-0700-07", "Europe/Berlin").name(ZREPL_TEST_TIME));
        assertEquals("p22_0100", SnapshotNaming.of("p", "15-0700", "Europe/London").name(ZREPL_TEST_TIME));
    }

    /** zrepl TestLegacyIso8601Format: in UTC, iso-8601 equals the old layout 2006-01-02T15:04:05.000Z. */
    @Test
    void iso8601InUtcEqualsTheLegacyLayout() {
        Instant t = Instant.parse("2024-05-14T21:16:23.123456Z");
        assertEquals(SnapshotNaming.of("p", "2006-01-02T15:04:05.000Z", "UTC").name(t),
                SnapshotNaming.of("p", "iso-8601", "UTC").name(t));
        assertEquals("p2024-05-14T21:16:23.123Z", SnapshotNaming.of("p", "iso-8601", "UTC").name(t));
    }

    /** zrepl TestBuiltinFormatsErrorOnNonUtcLocation. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"dense|Europe/Berlin", "human|Europe/Berlin", "unix-seconds|Europe/Berlin",
        "dense|Local", "Human|America/New_York"})
    void builtinFormatsWithoutOffsetRequireUtc(String format, String location) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SnapshotNaming.of("zrepl_", format, location));
        assertEquals("timestamp_format '" + format + "' requires timestamp_location UTC, not '" + location
                + "': its names carry no zone offset (use iso-8601 or a Go layout with an offset)", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2006-01-02+15|contains '+', which ZFS snapshot names cannot hold",
        "zrepl|every snapshot would get the same name",
        "15:04:05,000|gives the invalid snapshot name 'zrepl_00:00:00,000'",
        "2006/01/02|gives the invalid snapshot name 'zrepl_2020/06/01'"})
    void refusesFormatsThatCannotMakeZfsNames(String format, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SnapshotNaming.of("zrepl_", format, "UTC"));
        assertEquals(true, e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void refusesNamesLongerThanZfsAllows() {
        String prefix = "p".repeat(230);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SnapshotNaming.of(prefix, "Monday_January_2_2006_15:04", "UTC"));
        assertEquals(true, e.getMessage().contains("at most 255 characters"), e.getMessage());
        assertEquals(prefix + "20380119_031407_000", SnapshotNaming.of(prefix, "dense", "UTC").name(Y2038));
    }

    @Test
    void buildsFromTheConfig() {
        SnapshottingConfig.Cron cron = new SnapshottingConfig.Cron("auto_", CronSpec.parse("0 * * * *"), "human",
                "UTC", List.of());
        assertEquals("auto_2038-01-19_03:14:07", SnapshotNaming.of(cron).name(Y2038));
        assertThrows(IllegalArgumentException.class, () -> SnapshotNaming.of(new SnapshottingConfig.Manual()));
    }
}
