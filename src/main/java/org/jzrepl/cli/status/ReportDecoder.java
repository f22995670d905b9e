package org.jzrepl.cli.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jzrepl.daemon.status.DaemonReport;
import org.jzrepl.job.JobReport;
import org.jzrepl.util.LogText;

/**
 * Reads the daemon's {@code /status} JSON back into the report records, so the screen works on
 * typed, validated values (the records' constructors check them) instead of on JSON paths. A job
 * is active (pull, push, snap) or passive (sink, source) by its {@code type}. Fields this version
 * does not know are ignored (a newer daemon may add some); a report that does not decode is an
 * {@link IOException} naming the job and what was wrong.
 */
final class ReportDecoder {
    private static final Set<String> ACTIVE = Set.of("pull", "push", "snap");
    private static final Set<String> PASSIVE = Set.of("sink", "source");

    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    DaemonReport decode(JsonNode report) throws IOException {
        if (!report.isObject() || !report.path("jobs").isArray()) {
            throw new IOException("the daemon's status report has no job list");
        }
        List<JobReport> jobs = new ArrayList<>();
        for (JsonNode j : report.path("jobs")) {
            jobs.add(job(j));
        }
        try {
            return new DaemonReport(report.path("version").asText("?"), report.path("pid").asLong(),
                    report.path("startedAt").asText(""), jobs);
        } catch (RuntimeException e) {
            throw new IOException("the daemon's status report is malformed: " + LogText.escape(e.getMessage()), e);
        }
    }

    private JobReport job(JsonNode j) throws IOException {
        String type = j.path("type").asText("");
        String name = LogText.escape(j.path("name").asText("?"), 100);
        Class<? extends JobReport> cls;
        if (ACTIVE.contains(type)) {
            cls = JobReport.Active.class;
        } else if (PASSIVE.contains(type)) {
            cls = JobReport.Passive.class;
        } else {
            throw new IOException("job " + name + " in the daemon's status report has unknown type '"
                    + LogText.escape(type, 40) + "'");
        }
        try {
            return json.treeToValue(j, cls);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IOException("job " + name + " in the daemon's status report does not decode: "
                    + LogText.escape(e instanceof JsonProcessingException jp ? jp.getOriginalMessage() : e.getMessage()), e);
        }
    }
}
