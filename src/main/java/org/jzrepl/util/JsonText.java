package org.jzrepl.util;

/**
 * JSON string escaping for the writers that build JSON by hand (the log's json and logfmt lines,
 * the Chrome trace file): quotes, backslashes and every control character, plus the line and
 * paragraph separators (JavaScript's line terminators), so a value can neither end its string nor
 * break a line. Stateless, thread-safe.
 */
public final class JsonText {

    private JsonText() {
    }

    /** Appends {@code s} escaped (without the surrounding quotes) to {@code b}. */
    public static void escape(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
    }

    /** Appends {@code s} as a JSON string, quotes included. */
    public static void quote(StringBuilder b, String s) {
        b.append('"');
        escape(b, s);
        b.append('"');
    }
}
