package org.jzrepl.snapshot;

import org.jzrepl.snapshot.GoTimeLayout.Element;

/**
 * Finds the next layout element in a Go time layout, with the same precedence as Go's
 * {@code time.nextStdChunk} (checked against Go's {@code src/time/format.go}): the first
 * position that starts an element wins, and at one position the longer forms are tried first.
 */
final class GoLayoutScanner {

    /** An element at {@code [start, end)}; digits and separator only for fractional seconds. */
    record Found(int start, int end, Element element, int digits, char separator) {
        static Found at(int start, int length, Element e) {
            return new Found(start, start + length, e, 0, '.');
        }
    }

    private static final Element[] ZERO_X = {Element.ZERO_MONTH, Element.ZERO_DAY, Element.ZERO_HOUR12,
        Element.ZERO_MINUTE, Element.ZERO_SECOND, Element.YEAR};

    private GoLayoutScanner() {
    }

    /** The first element in {@code s}, or null if the rest is literal text. */
    static Found next(String s) {
        for (int i = 0; i < s.length(); i++) {
            Found f = at(s, i);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private static Found at(String s, int i) {
        switch (s.charAt(i)) {
            case 'J':
                if (s.startsWith("January", i)) {
                    return Found.at(i, 7, Element.LONG_MONTH);
                }
                if (s.startsWith("Jan", i) && !lowerAt(s, i + 3)) {
                    return Found.at(i, 3, Element.MONTH);
                }
                return null;
            case 'M':
                if (s.startsWith("Monday", i)) {
                    return Found.at(i, 6, Element.LONG_WEEKDAY);
                }
                if (s.startsWith("Mon", i) && !lowerAt(s, i + 3)) {
                    return Found.at(i, 3, Element.WEEKDAY);
                }
                return s.startsWith("MST", i) ? Found.at(i, 3, Element.TZ_NAME) : null;
            case '0':
                if (i + 1 < s.length() && s.charAt(i + 1) >= '1' && s.charAt(i + 1) <= '6') {
                    return Found.at(i, 2, ZERO_X[s.charAt(i + 1) - '1']);
                }
                return s.startsWith("002", i) ? Found.at(i, 3, Element.ZERO_YEAR_DAY) : null;
            case '1':
                return s.startsWith("15", i) ? Found.at(i, 2, Element.HOUR) : Found.at(i, 1, Element.NUM_MONTH);
            case '2':
                return s.startsWith("2006", i) ? Found.at(i, 4, Element.LONG_YEAR) : Found.at(i, 1, Element.DAY);
            case '_':
                if (s.startsWith("_2006", i)) {
                    return Found.at(i + 1, 4, Element.LONG_YEAR); // a literal '_', then the year
                }
                if (s.startsWith("_2", i)) {
                    return Found.at(i, 2, Element.UNDER_DAY);
                }
                return s.startsWith("__2", i) ? Found.at(i, 3, Element.UNDER_YEAR_DAY) : null;
            case '3':
                return Found.at(i, 1, Element.HOUR12);
            case '4':
                return Found.at(i, 1, Element.MINUTE);
            case '5':
                return Found.at(i, 1, Element.SECOND);
            case 'P':
                return s.startsWith("PM", i) ? Found.at(i, 2, Element.PM_UPPER) : null;
            case 'p':
                return s.startsWith("pm", i) ? Found.at(i, 2, Element.PM_LOWER) : null;
            case '-':
                return offset(s, i, "-", Element.NUM_SECONDS_TZ, Element.NUM_COLON_SECONDS_TZ, Element.NUM_TZ,
                        Element.NUM_COLON_TZ, Element.NUM_SHORT_TZ);
            case 'Z':
                return offset(s, i, "Z", Element.ISO_SECONDS_TZ, Element.ISO_COLON_SECONDS_TZ, Element.ISO_TZ,
                        Element.ISO_COLON_TZ, Element.ISO_SHORT_TZ);
            case '.':
            case ',':
                return fraction(s, i);
            default:
                return null;
        }
    }

    /** {@code 070000}, {@code 07:00:00}, {@code 0700}, {@code 07:00}, {@code 07}, in Go's order. */
    private static Found offset(String s, int i, String sign, Element seconds, Element colonSeconds, Element plain,
                                Element colon, Element shortForm) {
        if (s.startsWith(sign + "070000", i)) {
            return Found.at(i, 7, seconds);
        }
        if (s.startsWith(sign + "07:00:00", i)) {
            return Found.at(i, 9, colonSeconds);
        }
        if (s.startsWith(sign + "0700", i)) {
            return Found.at(i, 5, plain);
        }
        if (s.startsWith(sign + "07:00", i)) {
            return Found.at(i, 6, colon);
        }
        return s.startsWith(sign + "07", i) ? Found.at(i, 3, shortForm) : null;
    }

    /** {@code .000}, {@code ,000}, {@code .999}: a run of one digit that no other digit follows. */
    private static Found fraction(String s, int i) {
        if (i + 1 >= s.length() || (s.charAt(i + 1) != '0' && s.charAt(i + 1) != '9')) {
            return null;
        }
        char digit = s.charAt(i + 1);
        int j = i + 1;
        while (j < s.length() && s.charAt(j) == digit) {
            j++;
        }
        if (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
            return null;
        }
        Element e = digit == '0' ? Element.FRACTION_ZEROS : Element.FRACTION_NINES;
        return new Found(i, j, e, j - (i + 1), s.charAt(i));
    }

    private static boolean lowerAt(String s, int i) {
        return i < s.length() && s.charAt(i) >= 'a' && s.charAt(i) <= 'z';
    }
}
