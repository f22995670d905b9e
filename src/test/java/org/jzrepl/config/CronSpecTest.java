package org.jzrepl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronSpecTest {

    /** after → next, all in UTC; 2024-01-01 is a Monday. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 3 * * *|2024-01-01T02:59:59|2024-01-01T03:00:00",
        "0 3 * * *|2024-01-01T03:00:00|2024-01-02T03:00:00",
        "*/15 * * * *|2024-01-01T10:07:00|2024-01-01T10:15:00",
        "0 0 1 * *|2024-01-15T00:00:00|2024-02-01T00:00:00",
        "0 12 * * mon-fri|2024-01-05T13:00:00|2024-01-08T12:00:00",
        "0 12 * * 0|2024-01-01T00:00:00|2024-01-07T12:00:00",
        "0 12 * * 7|2024-01-01T00:00:00|2024-01-07T12:00:00",
        "0 0 29 feb *|2024-03-01T00:00:00|2028-02-29T00:00:00",
        "30 0 */1 * * *|2024-01-01T00:00:30|2024-01-01T01:00:30",
        "*/20 * * * * *|2024-01-01T00:00:41|2024-01-01T00:01:00",
        "0 0 13 * fri|2024-01-01T00:00:00|2024-01-05T00:00:00",
        "0 0 1 * */2|2024-01-01T00:00:00|2024-01-02T00:00:00",
        "0 0 */2 * mon|2024-01-01T00:00:00|2024-01-03T00:00:00",
        "0 0 1 * */1|2024-01-01T00:00:00|2024-02-01T00:00:00",
        "0 0 1 * 1,*|2024-01-01T00:00:00|2024-02-01T00:00:00",
        "0 0 1,15 JAN,jul ?|2024-01-15T00:00:00|2024-07-01T00:00:00",
        "5-10/5 1 * * *|2024-01-01T01:05:00|2024-01-01T01:10:00",
        "10/20 * * * *|2024-01-01T00:31:00|2024-01-01T00:50:00",
        "59 23 31 dec *|2024-01-01T00:00:00|2024-12-31T23:59:00"})
    void nextIsTheFirstMatchStrictlyAfter(String line, String after, String next) {
        CronSpec c = CronSpec.parse(line);
        ZoneId utc = ZoneId.of("UTC");
        assertEquals(ZonedDateTime.parse(next + "Z[UTC]"),
                c.next(java.time.LocalDateTime.parse(after).atZone(utc)));
    }

    @Test
    void nextSkipsTheHourThatDaylightSavingTimeRemoves() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        CronSpec c = CronSpec.parse("30 2 * * *");
        ZonedDateTime next = c.next(ZonedDateTime.of(2024, 3, 30, 12, 0, 0, 0, berlin));
        assertEquals(ZonedDateTime.of(2024, 3, 31, 3, 30, 0, 0, berlin), next);
        assertEquals(ZonedDateTime.of(2024, 4, 1, 2, 30, 0, 0, berlin), c.next(next));
    }

    @Test
    void normalizesWhitespaceInText() {
        assertEquals("0 3 * * *", CronSpec.parse("  0   3 *\t* * ").text());
        assertEquals(CronSpec.parse("0 3 * * *"), CronSpec.parse("0  3 * *  *"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 3 * *|cron line '0 3 * *' has 4 fields, expected 5 (minute hour day-of-month month day-of-week) or 6 (with a leading second)",
        "0 25 * * *|cron hour field '25': value 25 is outside 0-23",
        "60 * * * *|cron minute field '60': value 60 is outside 0-59",
        "0 0 0 * *|cron day-of-month field '0': value 0 is outside 1-31",
        "0 0 * 13 *|cron month field '13': value 13 is outside 1-12",
        "0 0 * foo *|cron month field 'foo': value 'foo' is not a number or a name (jan, feb, mar, apr, may, jun, jul, aug, sep, oct, nov, dec)",
        "0 0 * * 8|cron day-of-week field '8': value 8 is outside 0-7",
        "*/0 * * * *|cron minute field '*/0': step must be positive",
        "10-5 * * * *|cron minute field '10-5': range 10-5 runs backwards",
        "0 0 30 feb *|cron line '0 0 30 feb *' never matches a date",
        "@daily|cron line '@daily' has 1 fields, expected 5 (minute hour day-of-month month day-of-week) or 6 (with a leading second)",
        "1,,2 * * * *|cron minute field '1,,2': value '' is not a number"})
    void rejectsWithReason(String line, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> CronSpec.parse(line)).getMessage());
    }

    @Test
    void nextIsNullWhenNothingMatchesWithinTheSearchWindow() {
        CronSpec leap = CronSpec.parse("0 0 29 feb *");
        assertNull(new CronSpec(leap.text(), leap.seconds(), leap.minutes(), leap.hours(), 0L, leap.months(),
                leap.daysOfWeek(), true, true).next(ZonedDateTime.parse("2024-01-01T00:00:00Z[UTC]")));
    }
}
