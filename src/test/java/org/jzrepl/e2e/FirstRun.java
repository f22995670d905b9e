package org.jzrepl.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Waits for an active job's first run to end, watching its status JSON meanwhile: the errors of the
 * steps status showed {@code stalled} on the way are kept (the stall watchdog ITs check them).
 */
final class FirstRun {
    /** The errors of steps shown stalled while the run went on, in order (repeats included). */
    final List<String> stalledErrors = new ArrayList<>();
    /** The job's status when the run ended, or when the limit passed. */
    JsonNode job;

    private FirstRun() {
    }

    /** Polls {@code status} (the job's JSON) every 200 ms until {@code runs} is no longer 0, or {@code limit}. */
    static FirstRun await(Supplier<JsonNode> status, Duration limit) throws InterruptedException {
        FirstRun r = new FirstRun();
        long deadline = System.nanoTime() + limit.toNanos();
        while ((r.job = status.get()).get("runs").asLong() == 0 && System.nanoTime() < deadline) {
            JsonNode current = r.job.get("current");
            if (current != null && !current.isNull()) {
                for (JsonNode fs : current.get("filesystems")) {
                    for (JsonNode step : fs.get("steps")) {
                        if (step.get("stalled").asBoolean()) {
                            r.stalledErrors.add(step.get("error").asText());
                        }
                    }
                }
            }
            Thread.sleep(200);
        }
        return r;
    }

    boolean ended() {
        return job.get("runs").asLong() != 0;
    }

    /** The first run's last attempt. */
    JsonNode last() {
        return job.get("last");
    }
}
