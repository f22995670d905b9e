package org.jzrepl.zfs;

/**
 * A ZFS guid: an unsigned 64-bit value, held in a long. Printed in decimal as zfs prints it
 * ({@code zfs get -p guid}), or as 16 hex digits in jzrepl's bookmark names.
 */
public record Guid(long value) {

    public static Guid parse(String decimal) {
        try {
            return new Guid(Long.parseUnsignedLong(decimal.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a guid (unsigned 64-bit decimal): '" + decimal + "'");
        }
    }

    public static Guid parseHex(String hex) {
        try {
            return new Guid(Long.parseUnsignedLong(hex, 16));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a guid (hex): '" + hex + "'");
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
