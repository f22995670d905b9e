package org.jzrepl.endpoint;

import java.io.IOException;
import org.jzrepl.endpoint.Messages.FilesystemRequest;
import org.jzrepl.endpoint.Messages.ReplicationCursorResponse;
import org.jzrepl.endpoint.Messages.SendCompletedRequest;
import org.jzrepl.endpoint.Messages.SendRequest;
import org.jzrepl.endpoint.Messages.SendResponse;
import org.jzrepl.rpc.Streamed;

/** The side that holds the data: a source job (served) or a push job (local). */
public interface Sender extends Endpoint {

    /**
     * Starts {@code zfs send} for one step after checking the filesystem against the filter, the
     * versions' guids, and any resume token; protects the step per the replication config. The
     * stream must be read to its end or closed; a zfs failure mid-stream arrives as a stream error.
     */
    Streamed<SendResponse> send(SendRequest request) throws EndpointException, IOException;

    /** The same checks as {@link #send}, and zfs's size estimate, without a stream. */
    SendResponse sendDry(SendRequest request) throws EndpointException, IOException;

    /** The receiver has the step's snapshot: move the replication cursor, drop step holds. */
    void sendCompleted(SendCompletedRequest request) throws EndpointException, IOException;

    /** The guid of this job's replication cursor bookmark on the filesystem, if any. */
    ReplicationCursorResponse replicationCursor(FilesystemRequest request) throws EndpointException, IOException;
}
