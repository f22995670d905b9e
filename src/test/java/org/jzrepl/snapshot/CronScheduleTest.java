package org.jzrepl.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.jzrepl.config.CronSpec;
import org.jzrepl.snapshot.CronSchedule.AfterTick;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleTest {

    private static ZonedDateTime next(String line, String after, String zone) {
        return CronSchedule.next(CronSpec.parse(line), OffsetDateTime.parse(after).toInstant(), ZoneId.of(zone));
    }

    /** zrepl's TestCronLibraryWorks (daemon/snapper/cron_test.go), in UTC; 2022-07-23 is a Saturday. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0-10 * * * *|2022-07-17T01:10:00Z|2022-07-17T02:00:00Z",
        "0-10 * * * *|2022-07-17T23:10:00Z|2022-07-18T00:00:00Z",
        "0-10 * * * *|2022-07-23T01:09:00Z|2022-07-23T01:10:00Z",
        "1,3,5 * * * *|2022-07-23T01:01:00Z|2022-07-23T01:03:00Z",
        "1,3,5 * * * *|2022-07-23T01:02:00Z|2022-07-23T01:03:00Z",
        "1,3,5 * * * *|2022-07-23T01:03:00Z|2022-07-23T01:05:00Z",
        "1,3,5 * * * *|2022-07-23T01:05:00Z|2022-07-23T02:01:00Z",
        "* 0-5,8,12 * * *|2022-07-23T00:00:00Z|2022-07-23T00:01:00Z",
        "* 0-5,8,12 * * *|2022-07-23T04:59:00Z|2022-07-23T05:00:00Z",
        "* 0-5,8,12 * * *|2022-07-23T05:00:00Z|2022-07-23T05:01:00Z",
        "* 0-5,8,12 * * *|2022-07-23T05:59:00Z|2022-07-23T08:00:00Z",
        "* 0-5,8,12 * * *|2022-07-23T08:59:00Z|2022-07-23T12:00:00Z",
        "53 17,18,19 * * *|2022-07-23T17:52:00Z|2022-07-23T17:53:00Z",
        "53 17,18,19 * * *|2022-07-23T17:53:00Z|2022-07-23T18:53:00Z",
        "53 17,18,19 * * *|2022-07-23T18:53:00Z|2022-07-23T19:53:00Z",
        "53 17,18,19 * * *|2022-07-23T19:53:00Z|2022-07-24T17:53:00Z"})
    void matchesZreplsOwnCronTable(String line, String after, String expected) {
        assertEquals(Instant.parse(expected), next(line, after, "UTC").toInstant());
    }

    /** 2024-01-01 is a Monday; sub-second parts of after are ignored as robfig does. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "*/20 * * * * *|2024-01-01T00:00:41Z|2024-01-01T00:01:00Z",
        "*/20 * * * * *|2024-01-01T00:00:40.5Z|2024-01-01T00:01:00Z",
        "30 0 */1 * * *|2024-01-01T00:00:30Z|2024-01-01T01:00:30Z",
        "15,45 0 12 * * *|2024-01-01T12:00:15Z|2024-01-01T12:00:45Z",
        "0 0 13 * fri|2024-01-01T00:00:00Z|2024-01-05T00:00:00Z",
        "0 0 13 * fri|2024-01-05T00:00:00Z|2024-01-12T00:00:00Z",
        "0 0 1 * */2|2024-01-01T00:00:00Z|2024-01-02T00:00:00Z",
        "0 0 1 * */1|2024-01-01T00:00:00Z|2024-02-01T00:00:00Z",
        "0 0 */2 * mon|2024-01-01T00:00:00Z|2024-01-03T00:00:00Z",
        "0 12 * JAN,jul MON-fri|2024-01-31T12:00:00Z|2024-07-01T12:00:00Z",
        "0 0 29 feb *|2024-03-01T00:00:00Z|2028-02-29T00:00:00Z",
        "0 0 L * *|2024-03-01T00:00:00Z|error"})
    void nextInUtc(String line, String after, String expected) {
        if (expected.equals("error")) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> CronSpec.parse(line));
            return;
        }
        assertEquals(Instant.parse(expected), next(line, after, "UTC").toInstant());
    }

    /**
     * DST: Berlin springs 02:00 CET to 03:00 CEST on 2024-03-31 and falls 03:00 CEST to 02:00 CET on
     * 2024-10-27; New York springs 02:00 EST to 03:00 EDT on 2024-03-10 and falls 02:00 EDT to 01:00 EST
     * on 2024-11-03. Skipped wall times fire at the transition; repeated ones once, at the first.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "30 2 * * *|2024-03-30T12:00+01:00|Europe/Berlin|2024-03-31T03:00+02:00",
        "30 2 * * *|2024-03-31T03:00+02:00|Europe/Berlin|2024-04-01T02:30+02:00",
        "30 2 * * *|2024-03-31T03:10+02:00|Europe/Berlin|2024-04-01T02:30+02:00",
        "0 30 2 * * *|2024-03-31T01:59:59+01:00|Europe/Berlin|2024-03-31T03:00+02:00",
        "0 * * * *|2024-03-31T01:00+01:00|Europe/Berlin|2024-03-31T03:00+02:00",
        "0 * * * *|2024-03-31T03:00+02:00|Europe/Berlin|2024-03-31T04:00+02:00",
        "*/15 * * * *|2024-03-31T01:45+01:00|Europe/Berlin|2024-03-31T03:00+02:00",
        "*/15 * * * *|2024-03-31T03:00+02:00|Europe/Berlin|2024-03-31T03:15+02:00",
        "30 2 * * *|2024-10-26T12:00+02:00|Europe/Berlin|2024-10-27T02:30+02:00",
        "30 2 * * *|2024-10-27T02:30+02:00|Europe/Berlin|2024-10-28T02:30+01:00",
        "0 * * * *|2024-10-27T01:00+02:00|Europe/Berlin|2024-10-27T02:00+02:00",
        "0 * * * *|2024-10-27T02:00+02:00|Europe/Berlin|2024-10-27T03:00+01:00",
        "*/15 * * * *|2024-10-27T02:45+02:00|Europe/Berlin|2024-10-27T03:00+01:00",
        "*/15 * * * *|2024-10-27T02:10+01:00|Europe/Berlin|2024-10-27T03:00+01:00",
        "0 2 * * *|2024-03-10T00:00-05:00|America/New_York|2024-03-10T03:00-04:00",
        "30 2 10 mar *|2024-03-10T03:00-04:00|America/New_York|2025-03-10T02:30-04:00",
        "0 * * * *|2024-03-10T01:00-05:00|America/New_York|2024-03-10T03:00-04:00",
        "0 1 * * *|2024-11-03T00:00-04:00|America/New_York|2024-11-03T01:00-04:00",
        "0 1 * * *|2024-11-03T01:00-04:00|America/New_York|2024-11-04T01:00-05:00",
        "0 * * * *|2024-11-03T01:00-04:00|America/New_York|2024-11-03T02:00-05:00",
        "30 1 4 nov *|2012-11-04T01:45-04:00|America/New_York|2013-11-04T01:30-05:00",
        "0 0 2 * * ?|2012-03-11T00:00-05:00|America/New_York|2012-03-11T03:00-04:00"})
    void daylightSavingTransitions(String line, String after, String zone, String expected) {
        ZonedDateTime got = next(line, after, zone);
        assertEquals(OffsetDateTime.parse(expected), got.toOffsetDateTime());
        assertEquals(ZoneId.of(zone), got.getZone());
    }

    @Test
    void nextIsMonotoneAcrossAFallBackNight() {
        CronSpec spec = CronSpec.parse("*/5 * * * *");
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant t = Instant.parse("2024-10-26T23:00:00Z");
        int ticks = 0;
        Instant previous = t;
        while (t.isBefore(Instant.parse("2024-10-27T03:00:00Z"))) {
            Instant n = CronSchedule.next(spec, t, berlin).toInstant();
            assertEquals(true, n.isAfter(previous), n + " after " + previous);
            previous = n;
            t = n;
            ticks++;
        }
        // 01:00 CEST to 04:00 CET is 4 hours of instants (48 marks); the 12 marks of the repeated 02:xx fire once.
        assertEquals(4 * 12 - 12, ticks);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "*/10 * * * *|2024-01-01T12:00:00Z|2024-01-01T12:25:00Z|2|2024-01-01T12:30:00Z",
        "*/10 * * * *|2024-01-01T12:00:00Z|2024-01-01T12:05:00Z|0|2024-01-01T12:10:00Z",
        "*/10 * * * *|2024-01-01T12:00:00Z|2024-01-01T12:10:00Z|0|2024-01-01T12:10:00Z",
        "*/10 * * * *|2024-01-01T12:00:00Z|2024-01-01T12:10:00.001Z|1|2024-01-01T12:20:00Z",
        "* * * * * *|2024-01-01T12:00:00Z|2024-01-01T13:00:00Z|3599|2024-01-01T13:00:00Z",
        "0 3 * * *|2024-01-01T03:00:00Z|2024-01-04T02:00:00Z|2|2024-01-04T03:00:00Z"})
    void countsTicksSkippedWhileATickRan(String line, String start, String end, int skipped, String next) {
        AfterTick a = CronSchedule.afterTick(CronSpec.parse(line), ZoneId.of("UTC"), Instant.parse(start),
                Instant.parse(end));
        assertEquals(skipped, a.skipped());
        assertEquals(Instant.parse(next), a.next().toInstant());
        assertEquals(skipped == 0 ? Optional.empty()
                : Optional.of("cron frequency is too high; snapshots were not taken " + skipped + " times"), a.statusError());
    }

    @Test
    void stopsCountingAtTheCapAndStillFindsTheNextTick() {
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        Instant end = start.plusSeconds(1100);
        AfterTick a = CronSchedule.afterTick(CronSpec.parse("* * * * * *"), ZoneId.of("UTC"), start, end, 1000);
        assertEquals(1000, a.skipped());
        assertEquals(end, a.next().toInstant());
    }
}
