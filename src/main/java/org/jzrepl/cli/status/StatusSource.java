package org.jzrepl.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.jzrepl.daemon.control.SignalOp;

/** Where the screen gets reports and sends signals: the daemon's control socket, or a test's fake. */
public interface StatusSource {
    /** The daemon's {@code /status} JSON. */
    JsonNode status() throws IOException;

    /** Sends {@code op} to {@code job}, as {@code jzrepl signal} does. */
    void signal(String job, SignalOp op) throws IOException;
}
