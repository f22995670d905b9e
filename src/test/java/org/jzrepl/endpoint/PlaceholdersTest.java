package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.jzrepl.config.PlaceholderEncryption;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;
import org.jzrepl.zfs.ZfsPermissionException;

/** Placeholder creation decisions, with zfs mocked; the real creation is shown in EndpointIT and SinkIT. */
class PlaceholdersTest {

    private static final DatasetPath BASE = DatasetPath.parse("tank/sink");
    private static final DatasetPath TARGET = DatasetPath.parse("tank/sink/client/pool/data");

    private final Zfs zfs = mock(Zfs.class);
    /** The datasets that exist, with their encryption; the mocked lookup answers from it. */
    private final Map<DatasetPath, String> existing = new HashMap<>();

    @BeforeEach
    void lookupAnswersForTheExistingOnes() throws ZfsException {
        when(zfs.encryption(anyList())).thenAnswer(inv -> {
            Map<DatasetPath, String> found = new HashMap<>();
            for (DatasetPath p : inv.<List<DatasetPath>>getArgument(0)) {
                if (existing.containsKey(p)) {
                    found.put(p, existing.get(p));
                }
            }
            return found;
        });
    }

    private void exists(String name, String encryption) {
        existing.put(DatasetPath.parse(name), encryption);
    }

    @Test
    void oneLookupAsksForEveryAncestorFromTheParentUpToTheBase() throws Exception {
        exists("tank/sink", "off");
        new Placeholders(zfs, BASE, PlaceholderEncryption.UNSPECIFIED).ensureParents(TARGET);
        verify(zfs).encryption(Stream.of("tank/sink/client/pool", "tank/sink/client", "tank/sink")
                .map(DatasetPath::parse).toList());
        verify(zfs, never()).get(anyString(), anyList());
    }

    @Test
    void aFailedLookupIsAZfsErrorAndCreatesNothing() throws Exception {
        when(zfs.encryption(anyList())).thenThrow(new ZfsPermissionException(List.of("list"), 1,
                "cannot open 'tank/sink': permission denied"));
        EndpointException e = assertThrows(EndpointException.class,
                () -> new Placeholders(zfs, BASE, PlaceholderEncryption.OFF).ensureParents(TARGET));
        assertEquals(EndpointException.ZFS_FAILED, e.code());
        verify(zfs, never()).create(any(), anyMap(), anyBoolean());
    }

    @Test
    void createsMissingParentsTopDownAsUnmountedMarkedFilesystems() throws Exception {
        exists("tank/sink", "off");
        new Placeholders(zfs, BASE, PlaceholderEncryption.UNSPECIFIED).ensureParents(TARGET);
        InOrder order = inOrder(zfs);
        Map<String, String> props = Map.of("jzrepl:placeholder", "on", "mountpoint", "none", "canmount", "noauto");
        order.verify(zfs).create(DatasetPath.parse("tank/sink/client"), props, false);
        order.verify(zfs).create(DatasetPath.parse("tank/sink/client/pool"), props, false);
    }

    @Test
    void existingParentMeansNothingToCreate() throws Exception {
        exists("tank/sink/client/pool", "aes-256-gcm");
        new Placeholders(zfs, BASE, PlaceholderEncryption.UNSPECIFIED).ensureParents(TARGET);
        verify(zfs, never()).create(any(), anyMap(), anyBoolean());
    }

    @Test
    void unspecifiedEncryptionRefusesBelowAnEncryptedParentAndCreatesNothing() throws Exception {
        exists("tank/sink/client", "aes-256-gcm");
        EndpointException e = assertThrows(EndpointException.class,
                () -> new Placeholders(zfs, BASE, PlaceholderEncryption.UNSPECIFIED).ensureParents(TARGET));
        assertEquals(EndpointException.REFUSED, e.code());
        assertTrue(e.getMessage().contains("recv.placeholder.encryption"), e.getMessage());
        verify(zfs, never()).create(any(), anyMap(), anyBoolean());
    }

    @Test
    void offCreatesUnencryptedPlaceholdersInheritLetsThemInherit() throws Exception {
        exists("tank/sink/client", "aes-256-gcm");
        new Placeholders(zfs, BASE, PlaceholderEncryption.OFF).ensureParents(TARGET);
        verify(zfs).create(eq(DatasetPath.parse("tank/sink/client/pool")),
                eq(Map.of("jzrepl:placeholder", "on", "mountpoint", "none", "canmount", "noauto",
                        "encryption", "off")), eq(false));
        new Placeholders(zfs, BASE, PlaceholderEncryption.INHERIT).ensureParents(TARGET);
        verify(zfs).create(eq(DatasetPath.parse("tank/sink/client/pool")),
                eq(Map.of("jzrepl:placeholder", "on", "mountpoint", "none", "canmount", "noauto")), eq(false));
    }

    @Test
    void missingRootFsIsAnErrorNotAPlaceholder() throws Exception {
        EndpointException e = assertThrows(EndpointException.class,
                () -> new Placeholders(zfs, BASE, PlaceholderEncryption.OFF).ensureParents(TARGET));
        assertTrue(e.getMessage().contains("root_fs tank/sink does not exist"), e.getMessage());
        verify(zfs, never()).create(any(), anyMap(), anyBoolean());
    }

    @Test
    void aMissingPoolIsNamedAsNotImported() throws Exception {
        EndpointException e = assertThrows(EndpointException.class,
                () -> new Placeholders(zfs, DatasetPath.parse("tank"), PlaceholderEncryption.OFF)
                        .ensureParents(DatasetPath.parse("tank/a/b")));
        assertEquals(EndpointException.REFUSED, e.code());
        assertTrue(e.getMessage().contains("pool tank is not imported"), e.getMessage());
        verify(zfs).encryption(List.of(DatasetPath.parse("tank/a"), DatasetPath.parse("tank")));
    }

    @Test
    void fullReceivesUnmarkTheTargetUnlessConfiguredOtherwise() {
        assertEquals(Map.of("jzrepl:placeholder", "off", "zrepl:placeholder", "off", "compression", "lz4"),
                Placeholders.unmarked(Map.of("compression", "lz4")));
    }
}
