package org.jzrepl.daemon.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.FilesystemReport;

/**
 * {@code zrepl_replication_bytes_replicated} of one job, built from reports only: the bytes of
 * every finished run (folded in from its final attempt reports when the run ends) plus the
 * running attempt's bytes as last sampled. A scrape during a run sees the bytes move; the run's
 * end replaces the sampled values by the final ones, which are never smaller, so the counter
 * never goes down. A sample of a run already folded in (a report taken just before the run
 * ended) is ignored. Thread-safe.
 */
final class ReplicatedBytes {
    private long foldedRuns;
    private final Map<String, Long> finished = new HashMap<>();
    /** Attempt number of the running run -> filesystem -> the largest byte count seen. */
    private final Map<Integer, Map<String, Long>> running = new HashMap<>();

    /**
     * Records the running attempt of run {@code run} (the job's finished-run count + 1); ignored
     * if that run has been folded in already.
     */
    synchronized void sample(long run, AttemptReport current) {
        if (run <= foldedRuns || current == null) {
            return;
        }
        Map<String, Long> seen = running.computeIfAbsent(current.attempt(), k -> new HashMap<>());
        for (FilesystemReport fs : current.filesystems()) {
            seen.merge(fs.path(), fs.bytesReplicated(), Math::max);
        }
    }

    /** Folds in run {@code run}'s final attempts; samples of it and of earlier runs are dropped. */
    synchronized void runEnded(long run, List<AttemptReport> attempts) {
        if (run <= foldedRuns) {
            return;
        }
        Map<String, Long> perFs = new HashMap<>();
        for (AttemptReport a : attempts) {
            for (FilesystemReport fs : a.filesystems()) {
                perFs.merge(fs.path(), fs.bytesReplicated(), Long::sum);
            }
        }
        // an attempt that was sampled but is missing from the final list still counts as seen
        for (Map.Entry<Integer, Map<String, Long>> e : running.entrySet()) {
            boolean reported = attempts.stream().anyMatch(a -> a.attempt() == e.getKey());
            if (!reported) {
                e.getValue().forEach((fs, b) -> perFs.merge(fs, b, Long::sum));
            }
        }
        perFs.forEach((fs, b) -> finished.merge(fs, b, Long::sum));
        running.clear();
        foldedRuns = run;
    }

    /** Bytes per filesystem so far, in name order; a filesystem once seen stays. */
    synchronized Map<String, Long> totals() {
        Map<String, Long> out = new TreeMap<>(finished);
        for (Map<String, Long> attempt : running.values()) {
            attempt.forEach((fs, b) -> out.merge(fs, b, Long::sum));
        }
        return out;
    }
}
