package org.jzrepl.config;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of data in zrepl's notation ({@code 23.5 MiB}, {@code 100 Mb}, {@code 8 bit}), kept
 * exactly as a whole number of bits. {@code B} is bytes, {@code b} and {@code bit} are bits;
 * prefixes K, M, G, T are SI (1000^n), Ki, Mi, Gi, Ti binary (1024^n). For bandwidth limits the
 * value is per second. Negative values exist only to spell "unlimited" ({@code -1 B}).
 */
public record ByteSize(long bits) {
    private static final Pattern FORM = Pattern.compile("^\\s*([-+]?[0-9.]+)\\s*(bit|(|K|Ki|M|Mi|G|Gi|T|Ti)([bB]))\\s*$");
    private static final Map<String, Long> PREFIX = Map.of("", 1L, "K", 1_000L, "M", 1_000_000L,
            "G", 1_000_000_000L, "T", 1_000_000_000_000L, "Ki", 1L << 10, "Mi", 1L << 20,
            "Gi", 1L << 30, "Ti", 1L << 40);
    private static final String[] BINARY = {"Ti", "Gi", "Mi", "Ki"};
    private static final String[] SI = {"T", "G", "M", "K"};

    public static ByteSize ofBytes(long bytes) {
        return new ByteSize(Math.multiplyExact(bytes, 8));
    }

    /** Parses zrepl's notation; throws IllegalArgumentException saying what is allowed. */
    public static ByteSize parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a data size (expected a number and a unit"
                    + " B or b with an optional prefix K, M, G, T, Ki, Mi, Gi, Ti, or bit; e.g. 23.5 MiB)");
        }
        BigDecimal number;
        try {
            number = new BigDecimal(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + m.group(1) + "' is not a number in '" + text + "'");
        }
        BigDecimal bits;
        if (m.group(2).equals("bit")) {
            bits = number;
        } else {
            long factor = PREFIX.get(m.group(3)) * (m.group(4).equals("B") ? 8 : 1);
            bits = number.multiply(BigDecimal.valueOf(factor));
        }
        try {
            return new ByteSize(bits.stripTrailingZeros().longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of bits or is too large");
        }
    }

    /** Bytes, possibly fractional for sizes given in bits. */
    public double bytes() {
        return bits / 8.0;
    }

    public boolean isNegative() {
        return bits < 0;
    }

    /** Exact text in the largest unit that divides the value: {@code 128 KiB}, {@code 5 MB}, {@code 3 b}. */
    public String format() {
        if (bits % 8 != 0) {
            return bits + " b";
        }
        long bytes = bits / 8;
        if (bytes != 0) {
            for (String p : BINARY) {
                if (bytes % PREFIX.get(p) == 0) {
                    return bytes / PREFIX.get(p) + " " + p + "B";
                }
            }
            for (String p : SI) {
                if (bytes % PREFIX.get(p) == 0) {
                    return bytes / PREFIX.get(p) + " " + p + "B";
                }
            }
        }
        return bytes + " B";
    }

    @Override
    public String toString() {
        return format();
    }
}
