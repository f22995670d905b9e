package org.jzrepl.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogTextTest {

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            0a                    | \\n                 | newline
            0d0a                  | \\r\\n              | CRLF
            09                    | \\t                 | tab
            1b5b33316d            | \\x1b[31m           | ESC sequence
            00                    | \\x00               | NUL
            7f                    | \\x7f               | DEL
            c285                  | \\x85               | NEL (C1)
            c29b                  | \\x9b               | CSI (C1)
            e280a8                | \\u2028             | line separator
            e280a9                | \\u2029             | paragraph separator
            e280ae                | \\u202e             | right-to-left override
            e281a6                | \\u2066             | left-to-right isolate
            e2808b                | \\u200b             | zero-width space
            efbbbf                | \\ufeff             | byte order mark
            ee8080                | \\ue000             | private use
            f3a08081              | \\u{e0001}          | language tag (format, above the BMP)
            """)
    void escapesNonPrintingCharacters(String utf8Hex, String expected, String what) {
        assertEquals(expected, LogText.escape(new String(java.util.HexFormat.of().parseHex(utf8Hex),
                java.nio.charset.StandardCharsets.UTF_8)), what);
    }

    @Test
    void leavesPrintableTextAlone() {
        String s = "cannot open 'pool/a b@snap-1:x': dataset does not exist; Grüße, 日本, \uD83D\uDE00, \uFFFD \\ \"q\"";
        assertEquals(s, LogText.escape(s));
        String ascii = "plain ascii";
        assertSame(ascii, LogText.escape(ascii), "the common case does not copy");
    }

    @Test
    void aForgedLogLineStaysOnOneLine() {
        String evil = "bye\n2026-01-01 INFO forged line\r\n\u001b[31mred\u2028more";
        String out = LogText.escape(evil);
        assertEquals("bye\\n2026-01-01 INFO forged line\\r\\n\\x1b[31mred\\u2028more", out);
        assertEquals(1, out.lines().count());
    }

    @Test
    void unpairedSurrogatesAreEscaped() {
        assertEquals("a\\ud800b\\udc00", LogText.escape("a\uD800b\uDC00"));
    }

    @Test
    void isIdempotent() {
        String once = LogText.escape("x\n\u001b\u2028\uD800 y");
        assertEquals(once, LogText.escape(once));
        String cutOnce = LogText.escape("\n".repeat(100), 31);
        assertEquals(cutOnce, LogText.escape(cutOnce, 31));
    }

    @Test
    void cutsAtTheCap() {
        assertEquals("abcde" + LogText.CUT, LogText.escape("abcdefgh", 5));
        assertEquals("abcde", LogText.escape("abcde", 5));
        assertEquals("\\n\\n\\" + LogText.CUT, LogText.escape("\n\n\n\n", 5), "the cap counts escaped characters");
        assertEquals("ab" + LogText.CUT, LogText.escape("ab\uD83D\uDE00cd", 3), "no half surrogate pair at the cut");
        String big = LogText.escape("\u001b".repeat(10_000));
        assertEquals(LogText.DEFAULT_MAX + LogText.CUT.length(), big.length());
        assertTrue(big.startsWith("\\x1b\\x1b"));
    }

    @Test
    void nullAndBadCap() {
        assertEquals("null", LogText.escape(null));
        assertEquals("null", LogText.of(null));
        assertEquals("1\\n2", LogText.of(new StringBuilder("1\n2")));
        assertThrows(IllegalArgumentException.class, () -> LogText.escape("x", 0));
    }
}
