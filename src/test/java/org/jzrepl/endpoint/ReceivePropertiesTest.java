package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.jzrepl.config.RecvOptions;
import org.jzrepl.zfs.DatasetType;

class ReceivePropertiesTest {

    private static final Map<String, String> SAFE = Map.of("canmount", "noauto", "setuid", "off", "devices", "off", "readonly", "on");
    private static final Map<String, String> UNMARK = Map.of("jzrepl:placeholder", "off", "zrepl:placeholder", "off");

    private static Map<String, String> plus(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new java.util.HashMap<>(a);
        m.putAll(b);
        return m;
    }

    @Test
    void byDefaultAFilesystemIsNotAutoMountedNotSharedNotSetuid() {
        ReceiveProperties full = ReceiveProperties.of(RecvOptions.DEFAULT, DatasetType.FILESYSTEM, true);
        assertEquals(List.of("sharenfs", "sharesmb"), full.exclude());
        assertEquals(plus(SAFE, UNMARK), full.override());
        ReceiveProperties incremental = ReceiveProperties.of(RecvOptions.DEFAULT, DatasetType.FILESYSTEM, false);
        assertEquals(List.of("sharenfs", "sharesmb"), incremental.exclude());
        assertEquals(SAFE, incremental.override());
    }

    @Test
    void aVolumeGetsNoneOfTheFilesystemProperties() {
        ReceiveProperties p = ReceiveProperties.of(RecvOptions.DEFAULT.withProperties(List.of("compression"),
                Map.of("readonly", "on")), DatasetType.VOLUME, false);
        assertEquals(List.of("compression"), p.exclude());
        assertEquals(Map.of("readonly", "on"), p.override());
    }

    @Test
    void theUsersInheritAndOverrideWinOverTheSafeSet() {
        RecvOptions recv = RecvOptions.DEFAULT.withProperties(List.of("setuid", "mountpoint"),
                Map.of("canmount", "on", "sharenfs", "ro=@10.0.0.0/8", "compression", "zstd"));
        ReceiveProperties p = ReceiveProperties.of(recv, DatasetType.FILESYSTEM, false);
        assertEquals(List.of("setuid", "mountpoint", "sharesmb"), p.exclude());
        assertEquals(Map.of("canmount", "on", "sharenfs", "ro=@10.0.0.0/8", "compression", "zstd",
                "devices", "off", "readonly", "on"), p.override());
    }

    @Test
    void aUserInheritOfAnExcludedPropertyIsNotRepeated() {
        ReceiveProperties p = ReceiveProperties.of(RecvOptions.DEFAULT.withProperties(List.of("sharesmb"), Map.of()),
                DatasetType.FILESYSTEM, false);
        assertEquals(List.of("sharesmb", "sharenfs"), p.exclude());
    }

    @Test
    void optedOutOnlyTheUsersPropertiesAndTheUnmarking() {
        RecvOptions recv = RecvOptions.DEFAULT.withSafeMount(false).withProperties(List.of("mountpoint"),
                Map.of("readonly", "on"));
        ReceiveProperties full = ReceiveProperties.of(recv, DatasetType.FILESYSTEM, true);
        assertEquals(List.of("mountpoint"), full.exclude());
        assertEquals(plus(Map.of("readonly", "on"), UNMARK), full.override());
        assertEquals(Map.of("readonly", "on"), ReceiveProperties.of(recv, DatasetType.FILESYSTEM, false).override());
    }
}
