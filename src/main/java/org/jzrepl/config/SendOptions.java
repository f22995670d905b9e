package org.jzrepl.config;

/**
 * {@code send}: flags of {@code zfs send}, all false by default. {@code encrypted} demands that the
 * sent datasets are encrypted and sends them raw ({@code -w}); {@code raw} sends raw without the
 * demand; {@code send_properties} {@code -p}, {@code backup_properties} {@code -b},
 * {@code large_blocks} {@code -L}, {@code compressed} {@code -c}, {@code embedded_data} {@code -e},
 * {@code saved} {@code -S}. {@code bandwidth_limit} defaults to unlimited.
 */
public record SendOptions(boolean encrypted, boolean raw, boolean sendProperties, boolean backupProperties,
                          boolean largeBlocks, boolean compressed, boolean embeddedData, boolean saved,
                          BandwidthLimit bandwidthLimit) {
    public static final SendOptions DEFAULT = new SendOptions(false, false, false, false, false, false, false, false,
            BandwidthLimit.UNLIMITED);

    public SendOptions {
        java.util.Objects.requireNonNull(bandwidthLimit, "bandwidthLimit");
    }
}
