package org.jzrepl.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** {@code jzrepl status --mode dump}: one report as plain text, every job, no keys. */
public final class StatusDump {
    /** Lines are cut to this width in a dump (a pipe has no width of its own). */
    public static final int WIDTH = 160;

    private StatusDump() {
    }

    /** The report's lines, with rates as the daemon averaged them (one sample has no smoothing). */
    public static List<String> lines(JsonNode status, Instant now, ZoneId zone) throws IOException {
        return new StatusLayout(new Rates(), new Clock(now, zone)).dump(new ReportDecoder().decode(status), WIDTH);
    }
}
