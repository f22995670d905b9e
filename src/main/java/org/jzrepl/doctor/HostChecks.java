package org.jzrepl.doctor;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jzrepl.config.JobConfig;
import org.jzrepl.config.JzreplConfig;
import org.jzrepl.daemon.AbstractionTool;
import org.jzrepl.daemon.control.ControlClient;
import org.jzrepl.endpoint.Abstractions;
import org.jzrepl.transport.PrivateDir;
import org.jzrepl.transport.TransportException;
import org.jzrepl.zfs.ZfsException;

/**
 * Gathers the host-wide facts for {@link HostDiagnoses}: the daemon on its control socket, the
 * private socket directories, and stale holds and cursors (see {@link StaleDiagnosis}).
 */
public final class HostChecks {

    private final JzreplConfig config;
    private final AbstractionTool abstractions;
    private final int daemonUid;

    /** @param daemonUid the uid the daemon runs as (the directories must be its) */
    public HostChecks(JzreplConfig config, AbstractionTool abstractions, int daemonUid) {
        this.config = config;
        this.abstractions = abstractions;
        this.daemonUid = daemonUid;
    }

    public JobFindings examine() {
        List<Finding> out = new ArrayList<>();
        Path sockpath = config.global().controlSockpath();
        Set<String> running = Set.of();
        try {
            new ControlClient(sockpath, Duration.ofSeconds(5), new ObjectMapper()).status();
            out.add(HostDiagnoses.daemon(sockpath, Optional.empty(), false));
            running = AbstractionTool.runningJobs(sockpath);
        } catch (IOException e) {
            out.add(HostDiagnoses.daemon(sockpath, Optional.of(rootCause(e)), deniedAnywhere(e)));
        }
        out.add(dir("control socket directory", sockpath.getParent()));
        for (Path sockdir : Doctor.stdinserverSockdirs(config)) {
            out.add(dir("stdinserver sockdir", sockdir));
        }
        try {
            Set<String> configured = new HashSet<>();
            config.jobs().stream().map(JobConfig::name).forEach(configured::add);
            out.add(StaleDiagnosis.of(abstractions.stale(Abstractions.Query.all(), running), configured,
                    Coverage.of(config.jobs())));
        } catch (ZfsException e) {
            out.add(Finding.problem("holds and cursors", "listing them failed: " + e.getMessage(), null));
        }
        return new JobFindings(null, "this host", out);
    }

    private Finding dir(String role, Path dir) {
        boolean exists = Doctor.existsNoFollow(dir);
        Optional<String> problem = Optional.empty();
        if (exists) {
            try {
                PrivateDir.require(dir, role, daemonUid);
            } catch (TransportException e) {
                problem = Optional.of(e.getMessage());
            }
        }
        return HostDiagnoses.privateDir(role, dir, exists, problem);
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static boolean deniedAnywhere(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AccessDeniedException
                    || String.valueOf(t.getMessage()).toLowerCase().contains("permission denied")) {
                return true;
            }
        }
        return false;
    }
}
