package org.jzrepl.endpoint;

import java.io.IOException;
import org.jzrepl.endpoint.Messages.DestroySnapshotsRequest;
import org.jzrepl.endpoint.Messages.DestroySnapshotsResponse;
import org.jzrepl.endpoint.Messages.FilesystemRequest;
import org.jzrepl.endpoint.Messages.ListFilesystemsResponse;
import org.jzrepl.endpoint.Messages.ListVersionsResponse;
import org.jzrepl.endpoint.Messages.PingRequest;
import org.jzrepl.endpoint.Messages.PingResponse;
import org.jzrepl.rpc.RemoteExceptions;

/**
 * What both sides of a replication answer. The active job calls one side locally and the other
 * through an RPC proxy of the same interface; adding a method here is all a new call needs.
 * Failures the caller should see as such are {@link EndpointException}s with a code; any other
 * IOException means the connection (or the local zfs) failed.
 */
@RemoteExceptions(EndpointException.class)
public interface Endpoint {

    PingResponse ping(PingRequest request) throws EndpointException, IOException;

    /**
     * The filesystems this side replicates: the sender those passing its {@code filesystems}
     * filter (full names), the receiver those below its root (paths relative to it).
     */
    ListFilesystemsResponse listFilesystems() throws EndpointException, IOException;

    /** Snapshots and bookmarks of one filesystem, oldest first. */
    ListVersionsResponse listFilesystemVersions(FilesystemRequest request) throws EndpointException, IOException;

    /** Destroys snapshots (pruning); a snapshot that replication still needs is refused. */
    DestroySnapshotsResponse destroySnapshots(DestroySnapshotsRequest request) throws EndpointException, IOException;
}
