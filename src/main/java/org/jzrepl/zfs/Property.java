package org.jzrepl.zfs;

import java.util.Objects;
import java.util.Optional;

/**
 * One property of a dataset as {@code zfs get -H -p} reports it.
 *
 * @param name   e.g. {@code compression} or {@code jzrepl:placeholder}
 * @param value  the parsable value; {@code -} when unset
 * @param source {@code local}, {@code default}, {@code received}, {@code inherited from X},
 *               {@code temporary}, or {@code -} (none)
 */
public record Property(String name, String value, String source) {

    public Property {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }

    /** The value, empty when the property is not set (a user property with source "-"). */
    public Optional<String> valueIfSet() {
        return value.equals("-") && source.equals("-") ? Optional.empty() : Optional.of(value);
    }

    public boolean isLocal() {
        return source.equals("local");
    }
}
