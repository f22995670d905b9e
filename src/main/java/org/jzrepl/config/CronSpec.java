package org.jzrepl.config;

import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * A cron line {@code [second] minute hour day-of-month month day-of-week}, as zrepl reads it
 * (robfig/cron with an optional seconds field, no {@code @daily} descriptors). Each field is a
 * comma list of {@code *} or {@code ?}, {@code N}, {@code N-M}, each optionally {@code /STEP}
 * ({@code N/STEP} runs from N to the field's end). Months and weekdays take English three-letter
 * names; weekday 0 and 7 are Sunday. With five fields the second is 0. If both day-of-month and
 * day-of-week are restricted, a day matching either one matches (classic cron); a field is
 * unrestricted only if an item is {@code *} or {@code ?} without a step above 1, as in robfig.
 *
 * <p>Each field is a bit set; {@code text} is the line with single spaces, as printed back.
 */
public record CronSpec(String text, long seconds, long minutes, long hours, long daysOfMonth, long months,
                       long daysOfWeek, boolean anyDayOfMonth, boolean anyDayOfWeek) {

    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
            "sep", "oct", "nov", "dec");
    private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
    private static final int SEARCH_YEARS = 9;

    private record Field(String name, int min, int max, List<String> names, int nameBase) {
    }

    private static final Field SECOND = new Field("second", 0, 59, List.of(), 0);
    private static final Field MINUTE = new Field("minute", 0, 59, List.of(), 0);
    private static final Field HOUR = new Field("hour", 0, 23, List.of(), 0);
    private static final Field DOM = new Field("day-of-month", 1, 31, List.of(), 0);
    private static final Field MONTH = new Field("month", 1, 12, MONTHS, 1);
    private static final Field DOW = new Field("day-of-week", 0, 7, DAYS, 0);

    /** Parses a 5- or 6-field line; throws IllegalArgumentException naming the bad field. */
    public static CronSpec parse(String line) {
        String[] f = line.trim().split("\\s+");
        if (line.isBlank() || (f.length != 5 && f.length != 6)) {
            throw new IllegalArgumentException("cron line '" + line.trim() + "' has " + (line.isBlank() ? 0 : f.length)
                    + " fields, expected 5 (minute hour day-of-month month day-of-week) or 6 (with a leading second)");
        }
        int o = f.length - 5;
        long sec = o == 1 ? bits(f[0], SECOND) : 1L;
        long dow = bits(f[o + 4], DOW);
        if ((dow & (1L << 7)) != 0) {
            dow = (dow | 1L) & ~(1L << 7);
        }
        CronSpec spec = new CronSpec(String.join(" ", f), sec, bits(f[o], MINUTE), bits(f[o + 1], HOUR),
                bits(f[o + 2], DOM), bits(f[o + 3], MONTH), dow, isStar(f[o + 2]), isStar(f[o + 4]));
        if (spec.next(ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, java.time.ZoneOffset.UTC)) == null) {
            throw new IllegalArgumentException("cron line '" + spec.text() + "' never matches a date");
        }
        return spec;
    }

    /**
     * Whether robfig/cron marks the field as unrestricted: some item is {@code *} or {@code ?}
     * with no step or step 1 ({@code *}{@code /2} restricts the field, so it takes part in the
     * day-of-month OR day-of-week rule).
     */
    private static boolean isStar(String field) {
        for (String item : field.split(",", -1)) {
            int slash = item.indexOf('/');
            String range = slash >= 0 ? item.substring(0, slash) : item;
            boolean stepOne = slash < 0 || item.substring(slash + 1).matches("0*1");
            if ((range.equals("*") || range.equals("?")) && stepOne) {
                return true;
            }
        }
        return false;
    }

    private static long bits(String field, Field spec) {
        long set = 0;
        for (String item : field.split(",", -1)) {
            set |= item(item, spec, field);
        }
        return set;
    }

    private static long item(String item, Field f, String field) {
        String range = item;
        int step = 1;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            range = item.substring(0, slash);
            step = number(item.substring(slash + 1), f, field, "step");
            if (step <= 0) {
                throw bad(f, field, "step must be positive");
            }
        }
        int lo;
        int hi;
        if (range.equals("*") || range.equals("?")) {
            lo = f.min();
            hi = f.name().equals("day-of-week") ? 6 : f.max();
        } else {
            int dash = range.indexOf('-');
            lo = value(dash >= 0 ? range.substring(0, dash) : range, f, field);
            hi = dash >= 0 ? value(range.substring(dash + 1), f, field) : slash >= 0 ? f.max() : lo;
            if (hi < lo) {
                throw bad(f, field, "range " + range + " runs backwards");
            }
        }
        long set = 0;
        for (int v = lo; v <= hi; v += step) {
            set |= 1L << v;
        }
        return set;
    }

    private static int value(String s, Field f, String field) {
        int idx = f.names().indexOf(s.toLowerCase(Locale.ROOT));
        int v = idx >= 0 ? idx + f.nameBase() : number(s, f, field, "value");
        if (v < f.min() || v > f.max()) {
            throw bad(f, field, "value " + v + " is outside " + f.min() + "-" + f.max());
        }
        return v;
    }

    private static int number(String s, Field f, String field, String what) {
        if (!s.matches("\\d{1,4}")) {
            String names = f.names().isEmpty() ? "" : " or a name (" + String.join(", ", f.names()) + ")";
            throw bad(f, field, what + " '" + s + "' is not a number" + names);
        }
        return Integer.parseInt(s);
    }

    private static IllegalArgumentException bad(Field f, String field, String why) {
        return new IllegalArgumentException("cron " + f.name() + " field '" + field + "': " + why);
    }

    /** The first matching instant strictly after {@code after}, in its zone; null if none within 9 years. */
    public ZonedDateTime next(ZonedDateTime after) {
        LocalDateTime t = after.toLocalDateTime().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        LocalDateTime limit = t.plusYears(SEARCH_YEARS);
        while (t.isBefore(limit)) {
            if (!has(months, t.getMonthValue())) {
                t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
            } else if (!dayMatches(t)) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
            } else if (!has(hours, t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!has(minutes, t.getMinute())) {
                t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            } else if (!has(seconds, t.getSecond())) {
                t = t.plusSeconds(1);
            } else {
                ZonedDateTime z = t.atZone(after.getZone());
                if (z.isAfter(after)) {
                    return z;
                }
                t = t.plusSeconds(1);
            }
        }
        return null;
    }

    /** Whether the local time {@code t} (to the second) is one the line names. */
    public boolean matches(LocalDateTime t) {
        return has(months, t.getMonthValue()) && dayMatches(t) && has(hours, t.getHour())
                && has(minutes, t.getMinute()) && has(seconds, t.getSecond());
    }

    private boolean dayMatches(LocalDateTime t) {
        boolean dom = has(daysOfMonth, t.getDayOfMonth());
        boolean dow = has(daysOfWeek, t.getDayOfWeek().getValue() % 7);
        return anyDayOfMonth || anyDayOfWeek ? dom && dow : dom || dow;
    }

    private static boolean has(long set, int v) {
        return (set & (1L << v)) != 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
