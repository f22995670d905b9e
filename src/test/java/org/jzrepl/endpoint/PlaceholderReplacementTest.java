package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.jzrepl.config.PlaceholderEncryption;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.DatasetType;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.KeyStatus;
import org.jzrepl.zfs.Zfs;

/**
 * How a full receive replaces an empty placeholder: with {@code -F} when zfs allows it; when the
 * stream is raw or the placeholder encrypted (zfs refuses {@code -F} then), by destroying a
 * placeholder that holds nothing, and otherwise refused before zfs receives anything.
 */
class PlaceholderReplacementTest {
    private static final DatasetPath PH = DatasetPath.parse("tank/sink/client/pool/e");
    private static final DatasetPath CHILD = PH.child("g");

    private final Zfs zfs = mock(Zfs.class);
    private final Placeholders placeholders = new Placeholders(zfs, DatasetPath.parse("tank/sink"),
            PlaceholderEncryption.UNSPECIFIED);

    private static DatasetInfo ds(DatasetPath p, String encryption) {
        return new DatasetInfo(p, DatasetType.FILESYSTEM, new Guid(7), Optional.empty(), true, encryption,
                encryption.equals("off") ? KeyStatus.NONE : KeyStatus.UNAVAILABLE, Optional.empty(), List.of());
    }

    @Test
    void aPlainStreamOverAnUnencryptedPlaceholderForcesAndTouchesNothingElse() throws Exception {
        assertTrue(placeholders.makeWay(ds(PH, "off"), false, PH + "@s1"));
        verifyNoInteractions(zfs);
    }

    @Test
    void aRawStreamOverAPlaceholderWithoutChildrenDestroysItAndReceivesAsNew() throws Exception {
        when(zfs.listTree(PH)).thenReturn(List.of(ds(PH, "off")));
        assertFalse(placeholders.makeWay(ds(PH, "off"), true, PH + "@s1"));
        verify(zfs).destroy(PH, false);
    }

    @Test
    void aPlainStreamOverAnEncryptedPlaceholderWithChildrenIsRefusedAndNothingDestroyed() throws Exception {
        when(zfs.listTree(PH)).thenReturn(List.of(ds(PH, "aes-256-gcm"), ds(CHILD, "aes-256-gcm")));
        EndpointException e = assertThrows(EndpointException.class,
                () -> placeholders.makeWay(ds(PH, "aes-256-gcm"), false, PH + "@s1"));
        assertEquals(EndpointException.REFUSED, e.code());
        assertTrue(e.getMessage().contains("the placeholder is encrypted") && e.getMessage().contains(CHILD.name())
                && e.getMessage().contains("Nothing was received"), e.getMessage());
        verify(zfs, never()).destroy(any(), anyBoolean());
    }

    @Test
    void aRawStreamOverAPlaceholderWithChildrenIsRefusedNamingThem() throws Exception {
        when(zfs.listTree(PH)).thenReturn(List.of(ds(PH, "off"), ds(CHILD, "aes-256-gcm")));
        EndpointException e = assertThrows(EndpointException.class,
                () -> placeholders.makeWay(ds(PH, "off"), true, PH + "@s1"));
        assertTrue(e.getMessage().contains("the stream is encrypted (raw)") && e.getMessage().contains("1 received"),
                e.getMessage());
        verify(zfs, never()).destroy(any(), anyBoolean());
    }
}
