package org.jzrepl.replication.driver;

import java.io.IOException;

/**
 * Opens {@link EndpointSession}s: one for planning (handed on to the first step worker), one per
 * further step worker, and new ones after a connectivity failure. Called from several threads at
 * once. A failure should be an IOException saying what failed; a
 * {@link org.jzrepl.transport.TransportException} that is not temporary (authentication, host key,
 * configuration) ends the run without retries, any other IOException is retried.
 */
@FunctionalInterface
public interface EndpointConnector {

    EndpointSession open() throws IOException;
}
