package org.jzrepl.util;

/**
 * Makes text that jzrepl did not write itself (a peer's RST reason or error message, a remote
 * command's stderr, a banner, what zfs printed, a name from a request) safe to put into a log
 * line or an exception message: it can neither start a new line nor move the cursor, recolour
 * the terminal or reorder the text around it.
 *
 * <p>Escapes: {@code \n}, {@code \r}, {@code \t}; other C0 controls, DEL and C1 controls as
 * {@code \xNN}; line and paragraph separators, bidi and zero-width formatting characters,
 * unpaired surrogates and other non-printing code points as {@code \}{@code uXXXX} (or
 * {@code \}{@code u{XXXXX}} above the BMP). Printable characters, the space and U+FFFD (what a
 * decoder puts for malformed bytes) stay. The result is at most {@code max} characters plus
 * {@link #CUT}.
 *
 * <p>Backslashes are not doubled, so escaping is idempotent (a cut aside): text escaped where
 * it entered (at decode time) and escaped again where it is relayed or logged comes out
 * unchanged. The price is that a literal {@code \n} sent by a peer reads like an escaped newline; it still
 * cannot break the line.
 */
public final class LogText {
    /** Default cap, in characters, of an escaped text. */
    public static final int DEFAULT_MAX = 2048;
    /** Appended when the escaped text was longer than its cap. */
    public static final String CUT = "...(cut)";

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogText() {
    }

    /** {@link #escape(String, int)} with {@link #DEFAULT_MAX}; {@code null} becomes {@code "null"}. */
    public static String escape(String text) {
        return escape(text, DEFAULT_MAX);
    }

    /** The text with every non-printing character escaped, cut to {@code max} characters plus {@link #CUT}. */
    public static String escape(String text, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
        String s = String.valueOf(text);
        if (s.length() <= max && isClean(s)) {
            return s;
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), max) + 16);
        int i = 0;
        while (i < s.length() && out.length() <= max) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            append(out, cp);
        }
        if (out.length() <= max && i >= s.length()) {
            return out.toString();
        }
        int cut = max;
        if (Character.isHighSurrogate(out.charAt(cut - 1))) {
            cut--; // never leave half a pair: it would be escaped differently the next time
        }
        out.setLength(cut);
        return out.append(CUT).toString();
    }

    /** {@link #escape(String)} of {@code String.valueOf(o)}, for values whose text comes from outside. */
    public static String of(Object o) {
        return escape(String.valueOf(o));
    }

    private static boolean isClean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return false; // anything beyond printable ASCII takes the careful path
            }
        }
        return true;
    }

    private static void append(StringBuilder out, int cp) {
        switch (cp) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
                    out.append("\\x").append(HEX[cp >> 4]).append(HEX[cp & 0xf]);
                } else if (printable(cp)) {
                    out.appendCodePoint(cp);
                } else if (cp <= 0xffff) {
                    out.append("\\u");
                    hex(out, cp, 4);
                } else {
                    out.append("\\u{");
                    hex(out, cp, 5);
                    out.append('}');
                }
            }
        }
    }

    private static boolean printable(int cp) {
        if (cp < 0x7f) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> false;
            default -> true;
        };
    }

    private static void hex(StringBuilder out, int cp, int minDigits) {
        String h = Integer.toHexString(cp);
        for (int k = h.length(); k < minDigits; k++) {
            out.append('0');
        }
        out.append(h);
    }
}
