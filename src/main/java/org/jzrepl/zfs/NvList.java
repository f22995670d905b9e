package org.jzrepl.zfs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A decoded, flat nvlist (libnvpair's name-value list) of the few value types jzrepl reads:
 * what {@link NvListDecoder} returns. Names are unique; the map keeps the packed order.
 *
 * @param nvflag the list's persistent flags ({@link #NV_UNIQUE_NAME} for lists libzfs allocates)
 * @param pairs  name to value, in packed order
 */
public record NvList(int nvflag, Map<String, Value> pairs) {

    /** {@code NV_UNIQUE_NAME}: the list holds each name at most once. */
    public static final int NV_UNIQUE_NAME = 0x1;

    public NvList {
        pairs = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(pairs, "pairs")));
    }

    /** A value of one of the supported nvpair types. */
    public sealed interface Value permits Flag, Bool, Uint64, Str {
    }

    /** {@code DATA_TYPE_BOOLEAN}: a name without a value, set by being present. */
    public record Flag() implements Value {
    }

    /** {@code DATA_TYPE_BOOLEAN_VALUE}. */
    public record Bool(boolean value) implements Value {
    }

    /** {@code DATA_TYPE_UINT64}, unsigned in a long. */
    public record Uint64(long value) implements Value {
    }

    /** {@code DATA_TYPE_STRING}. */
    public record Str(String value) implements Value {
        public Str {
            Objects.requireNonNull(value, "value");
        }
    }

    public Optional<Value> get(String name) {
        return Optional.ofNullable(pairs.get(name));
    }
}
