package org.jzrepl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.jzrepl.util.LogText;

/**
 * Renders the daemon's prune dry run ({@code {"jobs": [{job, sides: [{side, filesystems, error}]}]}})
 * as plain text: per job and side, per filesystem what would be destroyed, each kept snapshot with
 * the rules that keep it, and what protection keeps and why. Every name and reason may come from a
 * peer: all of it is escaped ({@link LogText}) before printing. Pure; one line per fact:
 * <pre>
 * job pull_a, sender side:
 *   pool/data: 1 to destroy, 4 kept
 *     destroy @d
 *     keep    @a: protected (the rules would destroy it): replication cursor of job other
 *     keep    @e: rule 1 (regex): matches ^e$
 * </pre>
 */
final class PrunePlanText {

    private PrunePlanText() {
    }

    static String render(JsonNode answer) {
        StringBuilder out = new StringBuilder();
        JsonNode jobs = answer.path("jobs");
        if (jobs.isEmpty()) {
            out.append("no job prunes (only pull, push and snap jobs with keep rules do)\n");
        }
        for (JsonNode job : jobs) {
            String name = text(job.path("job"));
            if (job.path("sides").isEmpty()) {
                out.append("job ").append(name).append(": no keep rules, nothing is destroyed\n");
            }
            for (JsonNode side : job.path("sides")) {
                out.append("job ").append(name).append(", ").append(text(side.path("side")).toLowerCase())
                        .append(" side:\n");
                if (side.path("error").isTextual()) {
                    out.append("  cannot plan: ").append(text(side.path("error"))).append('\n');
                }
                if (side.path("filesystems").isEmpty() && !side.path("error").isTextual()) {
                    out.append("  no filesystems\n");
                }
                for (JsonNode fs : side.path("filesystems")) {
                    filesystem(out, fs);
                }
            }
        }
        return out.toString();
    }

    private static void filesystem(StringBuilder out, JsonNode fs) {
        out.append("  ").append(text(fs.path("filesystem")));
        if (fs.path("skipped").isTextual()) {
            out.append(": skipped, ").append(text(fs.path("skipped"))).append('\n');
            return;
        }
        out.append(": ").append(fs.path("destroy").size()).append(" to destroy, ")
                .append(fs.path("kept").size()).append(" kept\n");
        for (JsonNode d : fs.path("destroy")) {
            out.append("    destroy @").append(text(d)).append('\n');
        }
        for (JsonNode k : fs.path("kept")) {
            List<String> why = new ArrayList<>();
            for (JsonNode r : k.path("rules")) {
                why.add(text(r));
            }
            List<String> prot = new ArrayList<>();
            for (JsonNode p : k.path("protection")) {
                prot.add(text(p));
            }
            out.append("    keep    @").append(text(k.path("snapshot"))).append(": ");
            if (!why.isEmpty()) {
                out.append(String.join("; ", why));
                if (!prot.isEmpty()) {
                    out.append("; also protected: ").append(String.join("; ", prot));
                }
            } else {
                out.append("protected (the rules would destroy it): ").append(String.join("; ", prot));
            }
            out.append('\n');
        }
    }

    private static String text(JsonNode n) {
        return LogText.escape(n.isMissingNode() || n.isNull() ? "?" : n.asText(), 500);
    }
}
