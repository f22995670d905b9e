package org.jzrepl.snapshot;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Go reference-time layout ({@code Mon Jan 2 15:04:05 MST 2006}) translated into formatting
 * steps, so that a zrepl {@code timestamp_format} prints the same text here as Go's
 * {@code time.Format} does. The layout is cut into elements exactly as Go's
 * {@code nextStdChunk} cuts it (so {@code 1} is the month, {@code _2006} is {@code _} and the
 * year, {@code Month} is literal text); text that is no element is copied.
 *
 * <p>One difference from Go: {@code MST} prints the JDK's English abbreviation of the zone
 * (CET, CEST, EST, EDT, UTC, ...). Go prints the tz database's abbreviation, which for zones
 * without a customary one is a number like {@code +04} where the JDK may print a name.
 */
final class GoTimeLayout {

    /** The layout elements, named after Go's {@code std*} constants. */
    enum Element {
        LONG_MONTH, MONTH, NUM_MONTH, ZERO_MONTH, LONG_WEEKDAY, WEEKDAY, DAY, UNDER_DAY, ZERO_DAY,
        UNDER_YEAR_DAY, ZERO_YEAR_DAY, HOUR, HOUR12, ZERO_HOUR12, MINUTE, ZERO_MINUTE, SECOND, ZERO_SECOND,
        LONG_YEAR, YEAR, PM_UPPER, PM_LOWER, TZ_NAME,
        ISO_TZ, ISO_SECONDS_TZ, ISO_SHORT_TZ, ISO_COLON_TZ, ISO_COLON_SECONDS_TZ,
        NUM_TZ, NUM_SECONDS_TZ, NUM_SHORT_TZ, NUM_COLON_TZ, NUM_COLON_SECONDS_TZ,
        FRACTION_ZEROS, FRACTION_NINES
    }

    /** One step: literal text, or an element (with digits and separator for fractions). */
    record Chunk(String literal, Element element, int digits, char separator) {
    }

    private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("zzz", Locale.ROOT);

    private final String layout;
    private final List<Chunk> chunks;

    private GoTimeLayout(String layout, List<Chunk> chunks) {
        this.layout = layout;
        this.chunks = List.copyOf(chunks);
    }

    /** Cuts {@code layout} into chunks; never fails: text Go does not know is literal. */
    static GoTimeLayout parse(String layout) {
        List<Chunk> out = new ArrayList<>();
        String rest = layout;
        while (!rest.isEmpty()) {
            GoLayoutScanner.Found f = GoLayoutScanner.next(rest);
            if (f == null) {
                out.add(new Chunk(rest, null, 0, ' '));
                break;
            }
            if (f.start() > 0) {
                out.add(new Chunk(rest.substring(0, f.start()), null, 0, ' '));
            }
            out.add(new Chunk(null, f.element(), f.digits(), f.separator()));
            rest = rest.substring(f.end());
        }
        return new GoTimeLayout(layout, out);
    }

    String layout() {
        return layout;
    }

    List<Chunk> chunks() {
        return chunks;
    }

    /** Whether any element prints something that changes with the time. */
    boolean hasElements() {
        return chunks.stream().anyMatch(c -> c.element() != null);
    }

    /** What Go's {@code t.Format(layout)} prints for {@code t} in its zone. */
    String format(ZonedDateTime t) {
        StringBuilder b = new StringBuilder();
        for (Chunk c : chunks) {
            if (c.element() == null) {
                b.append(c.literal());
            } else {
                append(b, c, t);
            }
        }
        return b.toString();
    }

    private static void append(StringBuilder b, Chunk c, ZonedDateTime t) {
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        switch (c.element()) {
            case LONG_YEAR -> b.append(pad(t.getYear(), 4));
            case YEAR -> b.append(pad(Math.abs(t.getYear()) % 100, 2));
            case LONG_MONTH -> b.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            case MONTH -> b.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
            case NUM_MONTH -> b.append(t.getMonthValue());
            case ZERO_MONTH -> b.append(pad(t.getMonthValue(), 2));
            case LONG_WEEKDAY -> b.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            case WEEKDAY -> b.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
            case DAY -> b.append(t.getDayOfMonth());
            case UNDER_DAY -> b.append(t.getDayOfMonth() < 10 ? " " : "").append(t.getDayOfMonth());
            case ZERO_DAY -> b.append(pad(t.getDayOfMonth(), 2));
            case UNDER_YEAR_DAY -> b.append(String.format(Locale.ROOT, "%3d", t.getDayOfYear()));
            case ZERO_YEAR_DAY -> b.append(pad(t.getDayOfYear(), 3));
            case HOUR -> b.append(pad(t.getHour(), 2));
            case HOUR12 -> b.append(hour12);
            case ZERO_HOUR12 -> b.append(pad(hour12, 2));
            case MINUTE -> b.append(t.getMinute());
            case ZERO_MINUTE -> b.append(pad(t.getMinute(), 2));
            case SECOND -> b.append(t.getSecond());
            case ZERO_SECOND -> b.append(pad(t.getSecond(), 2));
            case PM_UPPER -> b.append(t.getHour() >= 12 ? "PM" : "AM");
            case PM_LOWER -> b.append(t.getHour() >= 12 ? "pm" : "am");
            case TZ_NAME -> b.append(ZONE_NAME.format(t));
            case FRACTION_ZEROS, FRACTION_NINES -> fraction(b, c, t.getNano());
            default -> offset(b, c.element(), t.getOffset().getTotalSeconds());
        }
    }

    /** Go's {@code appendNano}: nine digits cut to the width; nines also drop trailing zeros. */
    private static void fraction(StringBuilder b, Chunk c, int nanos) {
        boolean trim = c.element() == Element.FRACTION_NINES;
        if (trim && nanos == 0) {
            return;
        }
        String digits = pad(nanos, 9).substring(0, Math.min(9, c.digits()));
        if (trim) {
            digits = digits.replaceFirst("0+$", "");
            if (digits.isEmpty()) {
                return;
            }
        }
        b.append(c.separator()).append(digits);
    }

    /** Go's numeric zone offsets; the Z variants print {@code Z} for offset zero. */
    private static void offset(StringBuilder b, Element e, int offsetSeconds) {
        boolean iso = e.name().startsWith("ISO_");
        if (iso && offsetSeconds == 0) {
            b.append('Z');
            return;
        }
        int zone = offsetSeconds / 60;
        int abs = Math.abs(offsetSeconds);
        b.append(zone < 0 ? '-' : '+');
        zone = Math.abs(zone);
        b.append(pad(zone / 60, 2));
        boolean colon = e.name().contains("COLON");
        if (colon) {
            b.append(':');
        }
        if (!e.name().contains("SHORT")) {
            b.append(pad(zone % 60, 2));
        }
        if (e.name().contains("SECONDS")) {
            if (colon) {
                b.append(':');
            }
            b.append(pad(abs % 60, 2));
        }
    }

    /** Go's {@code appendInt(x, width)}: a minus sign, then the digits zero-padded to width. */
    private static String pad(int value, int width) {
        String digits = Integer.toString(Math.abs(value));
        String zeros = "0".repeat(Math.max(0, width - digits.length()));
        return (value < 0 ? "-" : "") + zeros + digits;
    }

    @Override
    public String toString() {
        return layout;
    }
}
