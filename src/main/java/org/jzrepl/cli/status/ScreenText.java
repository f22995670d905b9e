package org.jzrepl.cli.status;

import org.jline.utils.WCWidth;
import org.jzrepl.util.LogText;

/**
 * Text for the status screen. Filesystem names, snapshot names and error messages come from
 * peers and from zfs: {@link #safe} escapes every control and formatting character (so none can
 * move the cursor, recolour the terminal or start a line) before anything is measured or drawn.
 * {@link #fit} cuts a line to a number of terminal columns, counting wide characters as two.
 */
final class ScreenText {
    /** Ends a line that was cut to fit. */
    static final String CUT = "…";
    /** The most characters of one peer text kept before escaping cuts it. */
    static final int MAX_TEXT = 512;

    private ScreenText() {
    }

    /** The text with control and formatting characters escaped ({@link LogText}); {@code null} as {@code -}. */
    static String safe(String text) {
        return text == null ? "-" : LogText.escape(text, MAX_TEXT);
    }

    /** The first line of a (possibly multi-line) message, escaped: a conflict report is many lines. */
    static String firstLine(String text) {
        if (text == null) {
            return "-";
        }
        String s = text.strip();
        int nl = s.indexOf('\n');
        return safe(nl < 0 ? s : s.substring(0, nl) + " (…)");
    }

    /** Terminal columns {@code s} takes (wide characters count two, combining ones zero). */
    static int columns(String s) {
        int cols = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            cols += Math.max(0, WCWidth.wcwidth(cp));
            i += Character.charCount(cp);
        }
        return cols;
    }

    /** {@code s} cut to at most {@code width} columns, ending in {@link #CUT} if it was cut. */
    static String fit(String s, int width) {
        if (width <= 0) {
            return "";
        }
        if (columns(s) <= width) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        int cols = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int w = Math.max(0, WCWidth.wcwidth(cp));
            if (cols + w > width - 1) {
                break;
            }
            b.appendCodePoint(cp);
            cols += w;
            i += Character.charCount(cp);
        }
        return b.append(CUT).toString();
    }

    /** {@code s} padded with spaces to {@code width} columns (cut if longer). */
    static String pad(String s, int width) {
        String f = fit(s, width);
        return f + " ".repeat(Math.max(0, width - columns(f)));
    }
}
