package org.jzrepl.cli.status;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.jzrepl.daemon.status.DaemonReport;
import org.jzrepl.job.JobReport;
import org.jzrepl.replication.report.FilesystemReport;
import org.jzrepl.replication.report.StepReport;
import org.jzrepl.replication.report.StepState;

/**
 * Transfer rates of the running steps, smoothed over the reports the screen fetched. Each report
 * is one sample of each running step's byte count; the rate is an exponentially weighted mean of
 * the rates between changes of that count (time constant {@link #SMOOTHING}), so one slow or
 * fast second does not make the number jump. A count that has not moved for {@code resetAfter}
 * resets the rate to 0 (stalled), and the next movement starts a fresh mean. Steps that are no
 * longer running are forgotten. Not thread-safe: the screen's loop owns it.
 */
final class Rates {
    /** The time constant of the smoothing: a change of rate shows about two thirds after this long. */
    static final Duration SMOOTHING = Duration.ofSeconds(3);
    /** The default time without progress after which the rate is reset to 0. */
    static final Duration RESET_AFTER = Duration.ofSeconds(5);

    private final Duration resetAfter;
    private final Map<String, Meter> meters = new HashMap<>();

    Rates(Duration resetAfter) {
        this.resetAfter = resetAfter;
    }

    Rates() {
        this(RESET_AFTER);
    }

    /** One step's meter. {@code rate} is NaN while unknown. */
    private static final class Meter {
        long bytes;
        Instant changedAt;
        double rate = Double.NaN;
        boolean stalled;

        Meter(long bytes, Instant at) {
            this.bytes = bytes;
            this.changedAt = at;
        }
    }

    /** The key of step {@code step} of {@code fs} in job {@code job}. */
    static String key(String job, String fs, int step) {
        return job + '\0' + fs + '\0' + step;
    }

    /** Takes every running step of {@code report} as a sample at {@code at}. */
    void observe(DaemonReport report, Instant at) {
        Set<String> running = new HashSet<>();
        for (JobReport j : report.jobs()) {
            if (j instanceof JobReport.Active a && a.current() != null) {
                for (FilesystemReport fs : a.current().filesystems()) {
                    List<StepReport> steps = fs.steps();
                    for (int i = 0; i < steps.size(); i++) {
                        if (steps.get(i).state() == StepState.RUNNING) {
                            String k = key(a.name(), fs.path(), i);
                            running.add(k);
                            sample(k, steps.get(i).bytesReplicated(), at);
                        }
                    }
                }
            }
        }
        meters.keySet().retainAll(running);
    }

    /** One sample of the byte count of {@code key}. */
    void sample(String key, long bytes, Instant at) {
        Meter m = meters.get(key);
        if (m == null || bytes < m.bytes) {
            meters.put(key, new Meter(bytes, at));
            return;
        }
        if (bytes == m.bytes) {
            if (Duration.between(m.changedAt, at).compareTo(resetAfter) >= 0) {
                m.rate = 0;
                m.stalled = true;
            }
            return;
        }
        if (m.stalled) {
            meters.put(key, new Meter(bytes, at)); // moving again: the stall says nothing of the new rate
            return;
        }
        double secs = Duration.between(m.changedAt, at).toNanos() / 1e9;
        if (secs > 0) {
            double now = (bytes - m.bytes) / secs;
            if (Double.isNaN(m.rate)) {
                m.rate = now;
            } else {
                double alpha = 1 - Math.exp(-secs / (SMOOTHING.toNanos() / 1e9));
                m.rate += alpha * (now - m.rate);
            }
            m.changedAt = at;
        }
        m.bytes = bytes;
    }

    /** The smoothed rate in bytes per second: empty while unknown (one sample so far), 0 when stalled. */
    OptionalDouble rate(String key) {
        Meter m = meters.get(key);
        return m == null || Double.isNaN(m.rate) ? OptionalDouble.empty() : OptionalDouble.of(m.rate);
    }

    /** How long the count of {@code key} has not moved, when that is at least the reset time; else null. */
    Duration stalledFor(String key, Instant at) {
        Meter m = meters.get(key);
        return m == null || !m.stalled ? null : Duration.between(m.changedAt, at);
    }
}
