package org.jzrepl.replication.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jzrepl.replication.plan.Step;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.VersionType;

/** A re-plan after a reconnect replicates up to the first plan's target, and never calls a missing copy up to date. */
class TargetsTest {
    private static final DatasetPath FS = DatasetPath.parse("pool/data");

    private static FilesystemVersion snap(int txg) {
        return new FilesystemVersion(VersionType.SNAPSHOT, "s" + txg, new Guid(1000 + txg), txg, Instant.EPOCH);
    }

    /** {@code steps}: "from>to" pairs by txg, from "-" for a full send; {@code kept}: how many steps stay. */
    @ParameterizedTest(name = "target {0}, steps {1}: {2} kept")
    @CsvSource(delimiter = '|', value = {
        "0|-->1 1>2 2>3|3",        // no target recorded: every step
        "3|-->1 1>2 2>3|3",        // up to the target
        "2|-->1 1>2 2>3|2",        // a snapshot taken after the first plan waits for the next run
        "3|3>4|0",                 // the receiver has the target: up to date
        "3|4>5|0",                 // the receiver is past the target
        "3|-->5|1",                // full send of the newest (most_recent) taken after the first plan
        "3|2>5|1",                 // one incremental step that jumps past the target (-I over intermediates)
    })
    void capsAtTheFirstPlansTarget(int target, String steps, int kept) {
        Targets t = new Targets();
        if (target > 0) {
            t.fix(FS, snap(target));
        }
        List<Step> planned = new ArrayList<>();
        for (String s : steps.split(" ")) {
            String[] ft = s.split(">");
            Optional<FilesystemVersion> from = ft[0].equals("--") ? Optional.empty()
                    : Optional.of(snap(Integer.parseInt(ft[0])));
            planned.add(new Step(FS, from, snap(Integer.parseInt(ft[1])), Optional.empty()));
        }
        assertEquals(planned.subList(0, kept), t.cap(FS, planned));
    }
}
