package org.jzrepl.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Go layouts against what Go's {@code time.Format} prints. The rows marked "Go example" are
 * Go's own {@code ExampleTime_Format}, {@code ExampleTime_Format_pad} and
 * {@code Example_timeZones...} outputs; the others follow from Go's {@code nextStdChunk} and
 * {@code appendFormat} (src/time/format.go), worked out by hand.
 */
class GoTimeLayoutTest {

    private static String format(String layout, String time, String zone) {
        return GoTimeLayout.parse(layout).format(ZonedDateTime.parse(time).withZoneSameInstant(ZoneId.of(zone)));
    }

    /** The time of Go's ExampleTime_Format: Wed Feb 25 11:06:39 PST 2015 (.1234 where it says so). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Mon Jan 2 15:04:05 MST 2006|2015-02-25T19:06:39Z|Wed Feb 25 11:06:39 PST 2015",   // Go example
        "2006/01/02|2015-02-25T19:06:39Z|2015/02/25",                                     // Go example
        "3PM==3pm==15h|2015-02-25T19:06:39Z|11AM==11am==11h",                             // Go example
        "Mon Jan _2 15:04:05 MST 2006|2015-02-25T19:06:39.1234Z|Wed Feb 25 11:06:39 PST 2015", // Go example
        "15:04:05.00000|2015-02-25T19:06:39.1234Z|11:06:39.12340",                        // Go example
        "15:04:05.99999999|2015-02-25T19:06:39.1234Z|11:06:39.1234",                      // Go example
        "Mon Jan _2 15:04:05 MST 2006|2015-03-07T19:06:39Z|Sat Mar  7 11:06:39 PST 2015", // Go example
        "<2>|2015-03-07T19:06:39Z|<7>",                                                   // Go example
        "<_2>|2015-03-07T19:06:39Z|< 7>",                                                 // Go example
        "<02>|2015-03-07T19:06:39Z|<07>",                                                 // Go example
        "04:05|2015-03-07T19:06:39Z|06:39",                                               // Go example
        "Monday January 06|2015-03-07T19:06:39Z|Saturday March 15",
        "1/2 3:4:5|2015-03-07T19:06:09Z|3/7 11:6:9",
        "03:04PM|2015-03-07T08:05:00Z|12:05AM",
        "002 __2|2015-03-07T19:06:39Z|066  66",
        "002 __2|2015-12-31T20:00:00Z|365 365",
        "_2006|2015-03-07T19:06:39Z|_2015",
        "Month Janet|2015-03-07T19:06:39Z|Month Janet",
        ".0001|2015-03-07T19:06:39Z|.0003",
        "15:04:05,000|2015-03-07T19:06:39.98765Z|11:06:39,987",
        "05.999|2015-03-07T19:06:39Z|39",
        ".1 v1|2015-03-07T19:06:39Z|.3 v3",
        "05.999|2015-03-07T19:06:39.5Z|39.5",
        "05.000000000000|2015-03-07T19:06:39.5Z|39.500000000",
        "-0700 -07:00 -07 -070000 -07:00:00|2015-03-07T19:06:39Z|-0800 -08:00 -08 -080000 -08:00:00",
        "Z0700 Z07:00 Z07 Z070000 Z07:00:00|2015-03-07T19:06:39Z|-0800 -08:00 -08 -080000 -08:00:00"})
    void formatsLikeGoInLosAngeles(String layout, String time, String expected) {
        assertEquals(expected, format(layout, time, "America/Los_Angeles"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "2006-01-02T15:04:05 -070000|2015-02-25T19:06:39Z|Asia/Shanghai|2015-02-26T03:06:39 +080000",     // Go example
        "2006-01-02T15:04:05 -07:00:00|2015-02-25T19:06:39Z|Asia/Shanghai|2015-02-26T03:06:39 +08:00:00", // Go example
        "Mon Jan 2 15:04:05 MST 2006|2015-02-25T19:06:39Z|UTC|Wed Feb 25 19:06:39 UTC 2015",            // Go example
        "Z0700 Z07:00 Z07 Z070000 Z07:00:00|2015-03-07T19:06:39Z|UTC|Z Z Z Z Z",
        "-0700 -07:00 -07|2015-03-07T19:06:39Z|UTC|+0000 +00:00 +00",
        "2006-01-02T15:04:05Z07:00|2024-07-01T10:00:00Z|Europe/Berlin|2024-07-01T12:00:00+02:00",
        "2006-01-02T15:04:05Z07:00 MST|2024-01-01T10:00:00Z|Europe/Berlin|2024-01-01T11:00:00+01:00 CET",
        "Z07:00 MST|2024-07-01T10:00:00Z|America/New_York|-04:00 EDT",
        "Z0700|2024-07-01T10:00:00Z|Asia/Kolkata|+0530",
        "-07:00:00 Z070000|2024-07-01T10:00:00Z|+05:30:15|+05:30:15 +053015"})
    void formatsZonesLikeGo(String layout, String time, String zone, String expected) {
        assertEquals(expected, format(layout, time, zone));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"zrepl", "_000", "Month", "Janet", "-08", "Z7", "Px", ".x", ".09", "6789"})
    void textWithoutElementsIsLiteral(String layout) {
        GoTimeLayout l = GoTimeLayout.parse(layout);
        assertFalse(l.hasElements(), l.chunks().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1", "2", "3", "4", "5", "PM", "pm", "002", "__2", "Z07", "-07", ".0", ".9", "MST"})
    void singleElementsAreRecognized(String layout) {
        GoTimeLayout l = GoTimeLayout.parse(layout);
        assertTrue(l.hasElements());
        assertEquals(1, l.chunks().size(), l.chunks().toString());
    }
}
