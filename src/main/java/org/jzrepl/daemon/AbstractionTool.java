package org.jzrepl.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jzrepl.config.JobConfig;
import org.jzrepl.config.JzreplConfig;
import org.jzrepl.daemon.control.ControlClient;
import org.jzrepl.endpoint.Abstraction;
import org.jzrepl.endpoint.Abstractions;
import org.jzrepl.endpoint.StaleAbstractions;
import org.jzrepl.zfs.ZfsException;
import org.jzrepl.zfs.cmd.ZfsCli;
import org.jzrepl.zfs.cmd.ZfsMeter;
import org.jzrepl.zfs.cmd.ZfsRunner;

/**
 * {@code jzrepl zfs-abstraction}: lists and releases holds and cursors on this host's datasets,
 * running zfs directly (the daemon need not run). Stale = what {@link StaleAbstractions} finds
 * (older cursors and last-received holds, step holds and tentative cursors of jobs without a step
 * in progress) plus every jzrepl abstraction of a job that is not in the config. Which jobs have a
 * step in progress is asked from the running daemon; without one, none has.
 */
public final class AbstractionTool {
    private final Abstractions abstractions;
    private final JzreplConfig config;

    public AbstractionTool(Abstractions abstractions, JzreplConfig config) {
        this.abstractions = abstractions;
        this.config = config;
    }

    /** On the host's zfs ({@link ZfsBinary}). */
    public static AbstractionTool onHost(JzreplConfig config) {
        return new AbstractionTool(new Abstractions(ZfsBinary.cli()),
                config);
    }

    public List<Abstraction> list(Abstractions.Query q) throws ZfsException {
        return abstractions.list(q);
    }

    /** The stale ones among those {@code q} selects, given the jobs with a step in progress. */
    public List<Abstraction> stale(Abstractions.Query q, Set<String> jobsRunning) throws ZfsException {
        return stale(abstractions.list(q), configuredJobs(), jobsRunning);
    }

    /** Releases each; the results say which failed and why. */
    public List<Abstractions.Released> release(List<Abstraction> stale) {
        return abstractions.release(stale);
    }

    /** Pure: {@link StaleAbstractions} plus the (non-foreign) ones of jobs missing from {@code configured}. */
    public static List<Abstraction> stale(List<Abstraction> all, Set<String> configured, Set<String> running) {
        Set<Abstraction> out = new LinkedHashSet<>(StaleAbstractions.stale(all, running));
        for (Abstraction a : all) {
            if (!a.foreign() && !configured.contains(a.job()) && !running.contains(a.job())) {
                out.add(a);
            }
        }
        List<Abstraction> ordered = new ArrayList<>();
        for (Abstraction a : all) {
            if (out.contains(a)) {
                ordered.add(a);
            }
        }
        return ordered;
    }

    private Set<String> configuredJobs() {
        Set<String> names = new HashSet<>();
        for (JobConfig j : config.jobs()) {
            names.add(j.name());
        }
        return names;
    }

    /**
     * The pull and push jobs the daemon on {@code sockpath} reports RUNNING; empty when no daemon
     * answers (then nothing can be in progress on this host's config).
     */
    public static Set<String> runningJobs(Path sockpath) throws IOException {
        JsonNode status;
        try {
            status = new ControlClient(sockpath, Duration.ofSeconds(5), new ObjectMapper()).status();
        } catch (ControlClient.DaemonUnreachableException e) {
            return Set.of();
        }
        Set<String> running = new HashSet<>();
        for (JsonNode j : status.path("jobs")) {
            if ("RUNNING".equals(j.path("state").asText())) {
                running.add(j.path("name").asText());
            }
        }
        return running;
    }
}
