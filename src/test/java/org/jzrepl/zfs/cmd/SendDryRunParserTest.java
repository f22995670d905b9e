package org.jzrepl.zfs.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.jzrepl.zfs.SendDryRun;

/** Size estimates and resolved versions from captured {@code zfs send -n -v -P} output. */
class SendDryRunParserTest {

    @Test
    void readsTheSizeLineOfEachKindOfDryRun() {
        assertEquals(3206064L, SendDryRunParser.estimatedSize(Captured.read("send-nvP-full.out")));
        assertEquals(1087536L, SendDryRunParser.estimatedSize(Captured.read("send-nvP-incremental.out")));
        assertEquals(1087536L, SendDryRunParser.estimatedSize(Captured.read("send-nvP-bookmark.out")));
        assertEquals(1125424L, SendDryRunParser.estimatedSize(Captured.read("send-nvP-raw-flags.out")));
        assertEquals(949672L, SendDryRunParser.estimatedSize(Captured.read("send-nvP-token-incremental.out")));
    }

    @Test
    void rejectsOutputWithoutASizeLine() {
        assertThrows(IllegalArgumentException.class,
                () -> SendDryRunParser.estimatedSize(Captured.read("send-nvt-full.out")));
        assertThrows(IllegalArgumentException.class, () -> SendDryRunParser.estimatedSize("size\t-5\n"));
    }

    @Test
    void namesWhatEachKindOfDryRunResolved() {
        assertEquals(new SendDryRun(Optional.empty(), "cap/src@b", 3206064L),
                SendDryRunParser.dryRun(Captured.read("send-nvP-full.out")));
        assertEquals(new SendDryRun(Optional.of("cap/src@a"), "cap/src@b", 1087536L),
                SendDryRunParser.dryRun(Captured.read("send-nvP-incremental.out")));
        assertEquals(new SendDryRun(Optional.of("cap/src#a"), "cap/src@b", 1087536L),
                SendDryRunParser.dryRun(Captured.read("send-nvP-bookmark.out")));
        assertEquals(new SendDryRun(Optional.of("cap/src@a"), "cap/src@b", 949672L),
                SendDryRunParser.dryRun(Captured.read("send-nvP-token-incremental.out")));
    }

    /** What a toname with raw newlines would add to the token contents zfs prints first. */
    @Test
    void rejectsASecondResolvedOrSizeLineAsWhenAStringInjectedOne() {
        String real = Captured.read("send-nvP-token-incremental.out");
        String injected = real.replace("\ttoname = cap/src@b\n", "\ttoname = cap/src@b\nfull\tcap/src@b\t1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SendDryRunParser.dryRun(injected));
        assertTrue(e.getMessage().contains("found 2 and 1"), e.getMessage());
        String twoSizes = real.replace("\ttoname = cap/src@b\n", "\ttoname = cap/src@b\nsize\t1\n");
        assertThrows(IllegalArgumentException.class, () -> SendDryRunParser.dryRun(twoSizes));
    }

    @Test
    void rejectsMissingOrMalformedResolvedLines() {
        assertThrows(IllegalArgumentException.class, () -> SendDryRunParser.dryRun("size\t5\n"));
        assertThrows(IllegalArgumentException.class, () -> SendDryRunParser.dryRun("full\tp/f@s\t5\n"));
        assertThrows(IllegalArgumentException.class, () -> SendDryRunParser.dryRun("full\tp/f@s\textra\t5\nsize\t5\n"));
        assertThrows(IllegalArgumentException.class, () -> SendDryRunParser.dryRun("incremental\tp/f@s\t5\nsize\t5\n"));
        assertThrows(IllegalArgumentException.class, () -> SendDryRunParser.dryRun("full\t\t5\nsize\t5\n"));
        assertThrows(IllegalArgumentException.class, () -> SendDryRunParser.dryRun("full\tp/f@s\u001b\t5\nsize\t5\n"));
    }
}
