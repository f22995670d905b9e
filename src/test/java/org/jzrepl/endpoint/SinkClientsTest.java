package org.jzrepl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.jzrepl.config.RecvOptions;
import org.jzrepl.endpoint.Messages.DestroySnapshotsRequest;
import org.jzrepl.endpoint.Messages.FilesystemRequest;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.testing.zfs.InMemoryZfs;
import org.jzrepl.zfs.DatasetPath;

/**
 * A sink serves each connection of a client with the client's one receiver: a listing one
 * connection took never answers for a filesystem another connection changed (SoakIT once saw a
 * pruner plan from a planning listing that predated the receives of the step connections).
 */
class SinkClientsTest {

    private final InMemoryZfs zfs = new InMemoryZfs();
    private final Function<String, Receiver> clients = ZfsReceiver.forSinkClients(zfs, "sink",
            DatasetPath.parse("pool/sink"), RecvOptions.DEFAULT, BandwidthLimiter.UNLIMITED);

    private List<String> names(Receiver r, String fs) throws Exception {
        return r.listFilesystemVersions(new FilesystemRequest(fs)).versions().stream().map(Version::name).toList();
    }

    @Test
    void aChangeOnOneConnectionIsSeenByTheListingOfAnother() throws Exception {
        DatasetPath fs = DatasetPath.parse("pool/sink/laptop/src/data");
        zfs.create(fs, Map.of(), true);
        zfs.snapshot(fs, "s1");
        zfs.snapshot(fs, "s2");
        zfs.snapshot(fs, "s3");
        Receiver planning = clients.apply("laptop");
        Receiver step = clients.apply("laptop");
        planning.listFilesystems();
        assertEquals(List.of("s1", "s2", "s3"), names(planning, "src/data"));

        step.destroySnapshots(new DestroySnapshotsRequest("src/data", List.of("s1")));

        assertEquals(List.of("s2", "s3"), names(planning, "src/data"),
                "the planning connection's listing does not answer for what the step connection changed");
    }

    @Test
    void oneReceiverPerClient() {
        assertSame(clients.apply("laptop"), clients.apply("laptop"));
        assertNotSame(clients.apply("laptop"), clients.apply("desktop"));
    }
}
