package org.jzrepl.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code recv}: {@code properties.inherit} (each becomes {@code zfs recv -x P}, default none),
 * {@code properties.override} ({@code -o P=V}, default none), {@code bandwidth_limit} (default
 * unlimited), {@code placeholder.encryption} (default unspecified).
 */
public record RecvOptions(List<String> inheritProperties, Map<String, String> overrideProperties,
                          BandwidthLimit bandwidthLimit, PlaceholderEncryption placeholderEncryption) {
    public static final RecvOptions DEFAULT = new RecvOptions(List.of(), Map.of(), BandwidthLimit.UNLIMITED,
            PlaceholderEncryption.UNSPECIFIED);

    public RecvOptions {
        inheritProperties = List.copyOf(inheritProperties);
        overrideProperties = Collections.unmodifiableMap(new LinkedHashMap<>(overrideProperties));
        inheritProperties.forEach(Names::checkProperty);
        overrideProperties.keySet().forEach(Names::checkProperty);
        for (String p : inheritProperties) {
            if (overrideProperties.containsKey(p)) {
                throw new IllegalArgumentException("property '" + p + "' is both inherited and overridden");
            }
        }
        java.util.Objects.requireNonNull(bandwidthLimit, "bandwidthLimit");
        java.util.Objects.requireNonNull(placeholderEncryption, "placeholderEncryption");
    }
}
