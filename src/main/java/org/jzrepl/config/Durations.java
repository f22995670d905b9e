package org.jzrepl.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints durations in zrepl's units.
 *
 * <p>zrepl's own form is {@code ^\s*([+-]?\d+)\s*(|s|m|h|d|w)\s*$}: an integer and one unit
 * (seconds, minutes, hours, days of 24 h, weeks of 7 days); a bare number is allowed only for 0.
 * zrepl reads its timeouts ({@code dial_timeout}, hook {@code timeout}, {@code retry_interval})
 * with Go's {@code time.ParseDuration}, so {@link #parseFlexible} also takes Go's form
 * ({@code 1h30m}, {@code 500ms}, {@code 1.5s}).
 */
public final class Durations {
    private static final Pattern ZREPL = Pattern.compile("^\\s*([+-]?\\d+)\\s*(|s|m|h|d|w)\\s*$");
    private static final Pattern GO_PART = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Pattern GO_WHOLE = Pattern.compile("^[+-]?((\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$");

    private Durations() {
    }

    /** zrepl's form; may be zero or negative. */
    public static Duration parse(String text) {
        Matcher m = ZREPL.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a duration (expected an integer and a unit s, m, h, d or w, e.g. 10m)");
        }
        long factor;
        try {
            factor = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is out of range");
        }
        String unit = m.group(2);
        if (unit.isEmpty()) {
            if (factor != 0) {
                throw new IllegalArgumentException("'" + text + "' lacks a time unit (s, m, h, d or w)");
            }
            return Duration.ZERO;
        }
        try {
            return Duration.ofSeconds(Math.multiplyExact(factor, unitSeconds(unit)));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is out of range");
        }
    }

    /** zrepl's form, strictly positive (intervals, grid lengths). */
    public static Duration parsePositive(String text) {
        Duration d = parse(text);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("duration must be positive, got '" + text.trim() + "'");
        }
        return d;
    }

    /** zrepl's form or Go's {@code time.ParseDuration} form (timeouts). */
    public static Duration parseFlexible(String text) {
        if (ZREPL.matcher(text).matches()) {
            return parse(text);
        }
        String s = text.trim();
        if (!GO_WHOLE.matcher(s).matches()) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a duration (expected e.g. 30s, 10m, 1h30m or 500ms)");
        }
        boolean negative = s.startsWith("-");
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher m = GO_PART.matcher(s);
        while (m.find()) {
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
        }
        try {
            long n = nanos.setScale(0, java.math.RoundingMode.DOWN).longValueExact();
            return Duration.ofNanos(negative ? -n : n);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is out of range");
        }
    }

    /** Positive, zrepl's or Go's form. */
    public static Duration parseFlexiblePositive(String text) {
        Duration d = parseFlexible(text);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("duration must be positive, got '" + text.trim() + "'");
        }
        return d;
    }

    /** Zero or positive, zrepl's or Go's form. */
    public static Duration parseFlexibleNonNegative(String text) {
        Duration d = parseFlexible(text);
        if (d.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, got '" + text.trim() + "'");
        }
        return d;
    }

    /**
     * The shortest text that parses back to {@code d}: the largest of w, d, h, m, s that divides it,
     * or Go's {@code ms}/{@code us}/{@code ns} form for fractions of a second.
     */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.getNano() == 0) {
            long s = d.getSeconds();
            for (String unit : new String[] {"w", "d", "h", "m"}) {
                if (s % unitSeconds(unit) == 0) {
                    return s / unitSeconds(unit) + unit;
                }
            }
            return s + "s";
        }
        long n = d.toNanos();
        if (n % 1_000_000 == 0) {
            return n / 1_000_000 + "ms";
        }
        if (n % 1_000 == 0) {
            return n / 1_000 + "us";
        }
        return n + "ns";
    }

    private static long unitSeconds(String unit) {
        switch (unit) {
            case "s": return 1;
            case "m": return 60;
            case "h": return 3600;
            case "d": return 86_400;
            case "w": return 7 * 86_400;
            default: throw new IllegalArgumentException("unknown time unit '" + unit + "'");
        }
    }

    private static long unitNanos(String unit) {
        switch (unit) {
            case "ns": return 1;
            case "us": case "µs": case "μs": return 1_000;
            case "ms": return 1_000_000;
            case "s": return 1_000_000_000L;
            case "m": return 60_000_000_000L;
            case "h": return 3_600_000_000_000L;
            default: throw new IllegalArgumentException("unknown time unit '" + unit + "'");
        }
    }
}
