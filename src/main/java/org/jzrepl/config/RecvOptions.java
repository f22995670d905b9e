package org.jzrepl.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code recv}: {@code properties.inherit} (each becomes {@code zfs recv -x P}, default none),
 * {@code properties.override} ({@code -o P=V}, default none), {@code safe_mount} (jzrepl's own key,
 * default true: received filesystems get {@code canmount=noauto setuid=off devices=off readonly=on} and leave
 * {@code sharenfs}/{@code sharesmb} inherited, whatever the stream carries, unless the user's
 * {@code inherit}/{@code override} name the same property), {@code bandwidth_limit} (default
 * unlimited), {@code placeholder.encryption} (default unspecified).
 */
public record RecvOptions(List<String> inheritProperties, Map<String, String> overrideProperties,
                          boolean safeMount, BandwidthLimit bandwidthLimit,
                          PlaceholderEncryption placeholderEncryption) {
    public static final RecvOptions DEFAULT = new RecvOptions(List.of(), Map.of(), true, BandwidthLimit.UNLIMITED,
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

    /** These options with {@code inherit} and {@code override} replaced. */
    public RecvOptions withProperties(List<String> inherit, Map<String, String> override) {
        return new RecvOptions(inherit, override, safeMount, bandwidthLimit, placeholderEncryption);
    }

    /** These options with {@code safe_mount} set to {@code safe}. */
    public RecvOptions withSafeMount(boolean safe) {
        return new RecvOptions(inheritProperties, overrideProperties, safe, bandwidthLimit, placeholderEncryption);
    }
}
