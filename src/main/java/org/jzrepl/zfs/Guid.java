package org.jzrepl.zfs;

import org.jzrepl.util.LogText;

/**
 * A ZFS guid: an unsigned 64-bit value, held in a long. Printed in decimal as zfs prints it
 * ({@code zfs get -p guid}), or as 16 hex digits in jzrepl's bookmark names.
 */
public record Guid(long value) {

    public static Guid parse(String decimal) {
        try {
            return new Guid(Long.parseUnsignedLong(decimal.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a guid (unsigned 64-bit decimal): '" + LogText.escape(decimal, 100) + "'");
        }
    }

    public static Guid parseHex(String hex) {
        try {
            return new Guid(Long.parseUnsignedLong(hex, 16));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a guid (hex): '" + LogText.escape(hex, 100) + "'");
        }
    }

    public String decimal() {
        return Long.toUnsignedString(value);
    }

    public String hex() {
        return String.format("%016x", value);
    }

    @Override
    public String toString() {
        return decimal();
    }
}
