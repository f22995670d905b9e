package org.jzrepl.cli.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Units and ScreenText: how sizes, rates, bars and cut lines are written. */
class TextTest {

    @ParameterizedTest
    @CsvSource({"0, 0 B", "1023, 1023 B", "1024, 1.0 KiB", "1536, 1.5 KiB", "157286400, 150 MiB",
        "1099511627776, 1.0 TiB", "-1, ?"})
    void bytes(long n, String text) {
        assertEquals(text, Units.bytes(n));
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "59, 59s", "185, 3m05s", "7620, 2h07m", "273600, 3d04h"})
    void durations(long seconds, String text) {
        assertEquals(text, Units.duration(Duration.ofSeconds(seconds)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0    | 100 | 12 | '[          ]'",
        "10   | 100 | 12 | '[>         ]'",
        "50   | 100 | 12 | '[====>     ]'",
        "100  | 100 | 12 | '[==========]'",
        "300  | 100 | 12 | '[==========]'",
        "50   | -1  | 12 | '[          ]'",
    })
    void bars(long done, long expected, int width, String bar) {
        assertEquals(bar, Units.bar(done, expected, width));
    }

    @ParameterizedTest
    @CsvSource({"100, 50, 2s", "0, 50, 0s", "100, 0, -", "1000000000000, 0.001, >100d"})
    void eta(long remaining, double rate, String text) {
        assertEquals(text, Units.eta(remaining, rate));
    }

    @Test
    void percentAndRate() {
        assertEquals("?%", Units.percent(5, 0));
        assertEquals("100%", Units.percent(500, 100));
        assertEquals("-", Units.rate(0));
        assertEquals("-", Units.rate(Double.NaN));
        assertEquals("1.5 KiB/s", Units.rate(1536));
    }

    @Test
    void fitCountsWideCharactersAsTwoColumns() {
        assertEquals("abc", ScreenText.fit("abc", 3));
        assertEquals("ab…", ScreenText.fit("abcd", 3));
        assertEquals("日…", ScreenText.fit("日本語", 4));
        assertEquals(4, ScreenText.columns("日本"));
        assertEquals("ab  ", ScreenText.pad("ab", 4));
    }

    @Test
    void safeEscapesControlsAndFirstLineKeepsOneLine() {
        assertEquals("a\\x1b[31mb", ScreenText.safe("a\u001b[31mb"));
        assertEquals("-", ScreenText.safe(null));
        assertEquals("first \\x07 (…)", ScreenText.firstLine("first \u0007\nsecond"));
    }
}
