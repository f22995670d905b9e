package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.jzrepl.config.PlaceholderEncryption;
import org.jzrepl.zfs.DatasetNotFoundException;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.Property;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;

/** Placeholder creation decisions, with zfs mocked; the real creation is shown in EndpointIT and SinkIT. */
class PlaceholdersTest {

    private static final DatasetPath BASE = DatasetPath.parse("tank/sink");
    private static final DatasetPath TARGET = DatasetPath.parse("tank/sink/client/pool/data");

    private final Zfs zfs = mock(Zfs.class);

    private void exists(String name, String encryption) throws ZfsException {
        when(zfs.get(name, List.of("encryption")))
                .thenReturn(Map.of("encryption", new Property("encryption", encryption, "default")));
    }

    private void missing(String name) throws ZfsException {
        when(zfs.get(name, List.of("encryption")))
                .thenThrow(new DatasetNotFoundException(List.of("get"), 1, "dataset does not exist"));
    }

    @Test
    void createsMissingParentsTopDownAsUnmountedMarkedFilesystems() throws Exception {
        missing("tank/sink/client/pool");
        missing("tank/sink/client");
        exists("tank/sink", "off");
        new Placeholders(zfs, BASE, PlaceholderEncryption.UNSPECIFIED).ensureParents(TARGET);
        InOrder order = inOrder(zfs);
        Map<String, String> props = Map.of("jzrepl:placeholder", "on", "mountpoint", "none");
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
        missing("tank/sink/client/pool");
        exists("tank/sink/client", "aes-256-gcm");
        EndpointException e = assertThrows(EndpointException.class,
                () -> new Placeholders(zfs, BASE, PlaceholderEncryption.UNSPECIFIED).ensureParents(TARGET));
        assertEquals(EndpointException.REFUSED, e.code());
        assertTrue(e.getMessage().contains("recv.placeholder.encryption"), e.getMessage());
        verify(zfs, never()).create(any(), anyMap(), anyBoolean());
    }

    @Test
    void offCreatesUnencryptedPlaceholdersInheritLetsThemInherit() throws Exception {
        missing("tank/sink/client/pool");
        exists("tank/sink/client", "aes-256-gcm");
        new Placeholders(zfs, BASE, PlaceholderEncryption.OFF).ensureParents(TARGET);
        verify(zfs).create(eq(DatasetPath.parse("tank/sink/client/pool")),
                eq(Map.of("jzrepl:placeholder", "on", "mountpoint", "none", "encryption", "off")), eq(false));
        new Placeholders(zfs, BASE, PlaceholderEncryption.INHERIT).ensureParents(TARGET);
        verify(zfs).create(eq(DatasetPath.parse("tank/sink/client/pool")),
                eq(Map.of("jzrepl:placeholder", "on", "mountpoint", "none")), eq(false));
    }

    @Test
    void missingRootFsIsAnErrorNotAPlaceholder() throws Exception {
        missing("tank/sink/client/pool");
        missing("tank/sink/client");
        missing("tank/sink");
        EndpointException e = assertThrows(EndpointException.class,
                () -> new Placeholders(zfs, BASE, PlaceholderEncryption.OFF).ensureParents(TARGET));
        assertTrue(e.getMessage().contains("root_fs tank/sink does not exist"), e.getMessage());
        verify(zfs, never()).create(any(), anyMap(), anyBoolean());
    }

    @Test
    void fullReceivesUnmarkTheTargetUnlessConfiguredOtherwise() {
        assertEquals(Map.of("jzrepl:placeholder", "off", "zrepl:placeholder", "off", "compression", "lz4"),
                Placeholders.unmarked(Map.of("compression", "lz4")));
    }
}
