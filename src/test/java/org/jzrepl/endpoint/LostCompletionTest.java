package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.endpoint.Messages.SendCompletedRequest;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.testing.zfs.InMemoryZfs;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.SendFlags;

/**
 * A step whose {@code sendCompleted} was lost (the connection cut after the receiver had the whole
 * stream, as the soak does): its step holds stay; the next step starts from the receiver's newest,
 * so the hold on the lost step's {@code from} must go when that next step completes.
 */
class LostCompletionTest {
    private static final DatasetPath FS = DatasetPath.parse("pool/data");
    private static final ReplicationConfig RESUMABLE = new ReplicationConfig(
            ProtectionGuarantee.GUARANTEE_RESUMABILITY, ProtectionGuarantee.GUARANTEE_RESUMABILITY);

    private final InMemoryZfs zfs = new InMemoryZfs();
    private final ZfsSender sender = new ZfsSender(zfs, "push", FilesystemFilter.of(Map.of("pool<", true)),
            SendFlags.NONE);
    private final StepProtection protection = new StepProtection(zfs, "push");

    private FilesystemVersion v(String name) throws Exception {
        return zfs.dataset(FS).orElseThrow().versions().stream().filter(x -> x.isSnapshot() && x.name().equals(name))
                .findFirst().orElseThrow();
    }

    private void step(String from, String to, boolean completed) throws Exception {
        protection.beforeStep(ProtectionGuarantee.GUARANTEE_RESUMABILITY, FS, from == null ? null : v(from), v(to));
        if (completed) {
            sender.sendCompleted(new SendCompletedRequest(new SendRequest(FS.name(),
                    from == null ? null : Version.of(v(from)), Version.of(v(to)), null, RESUMABLE)));
        }
    }

    @Test
    void theNextCompletedStepReleasesTheHoldALostCompletionLeftOnItsFrom() throws Exception {
        zfs.create(FS, Map.of(), true);
        for (String s : List.of("s1", "s2", "s3", "s4")) {
            zfs.snapshot(FS, s);
        }
        step(null, "s1", true);
        step("s1", "s2", false);                  // received, but the sender never heard of it
        step("s2", "s3", true);                   // planned from the receiver's newest
        for (String s : List.of("s1", "s2", "s3")) {
            assertEquals(List.of(), zfs.holds(FS, s), "no step hold left on @" + s);
        }
        step("s3", "s4", true);                   // the ordinary case still works
        assertEquals(List.of(), zfs.holds(FS, "s4"));
    }

    @Test
    void twoLostCompletionsInARowLeaveNoHoldOnTheMiddleSnapshot() throws Exception {
        zfs.create(FS, Map.of(), true);
        for (String s : List.of("s1", "s2", "s3", "s4", "s5")) {
            zfs.snapshot(FS, s);
        }
        step(null, "s1", true);
        step("s1", "s2", false);                  // lost
        step("s2", "s3", false);                  // lost again: the cursor is still on s1
        step("s3", "s4", true);
        for (String s : List.of("s1", "s2", "s3", "s4")) {
            assertEquals(List.of(), zfs.holds(FS, s), "no step hold left on @" + s);
        }
        step("s4", "s5", true);
        assertEquals(List.of(), zfs.holds(FS, "s5"));
    }
}
