package org.jzrepl.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.jzrepl.config.JobConfig;
import org.jzrepl.config.JzreplConfig;
import org.jzrepl.config.ServeConfig;
import org.jzrepl.daemon.control.ControlServer;
import org.jzrepl.daemon.metrics.DaemonMetrics;
import org.jzrepl.daemon.status.DaemonReport;
import org.jzrepl.job.Job;
import org.jzrepl.job.JobReport;
import org.jzrepl.job.JobStartException;
import org.jzrepl.job.Jobs;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.util.LogText;
import org.jzrepl.util.trace.Tracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running daemon: every job of one config, started in config order, plus the control socket.
 * {@link #close()} stops them in reverse: the control socket first (no new signals), then each
 * job (listeners closed and sockets removed, running replications cancelled).
 *
 * <p>Threads: the runtime's only (owned: {@code ctx.runner()} is closed with the daemon, last);
 * jobs, listeners and the control server run as its tasks. {@link #awaitClosed()} blocks a caller
 * (the CLI's main thread) until {@link #close()} ran, e.g. from a shutdown hook on SIGTERM.
 */
public final class Daemon implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final List<Job> jobs;
    private final TaskRunner runner;
    private final String version;
    private final String startedAt;
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final DaemonMetrics metrics;
    private ControlServer control;
    private boolean closed;

    private Daemon(List<Job> jobs, TaskRunner runner, String version, String startedAt, DaemonMetrics metrics) {
        this.jobs = List.copyOf(jobs);
        this.metrics = metrics;
        this.runner = runner;
        this.version = version;
        this.startedAt = startedAt;
    }

    /**
     * Builds and starts every job, then serves the control socket on {@code global.control.sockpath}.
     * On failure everything already started is stopped again.
     *
     * @throws JobStartException a job cannot run as configured (the message names it)
     * @throws IOException       the control socket or the stdinserver sockdir cannot be set up
     */
    public static Daemon start(JzreplConfig config, Jobs.Context ctx, String version) throws JobStartException,
            IOException {
        return start(config, ctx, version, DaemonMetrics.create(version, ctx.runner().clock()));
    }

    /**
     * As {@link #start(JzreplConfig, Jobs.Context, String)}, with {@code metrics} (owned from now on)
     * served on every {@code global.monitoring} entry once the jobs run; {@code ctx}'s run observer
     * and zfs meter should be the metrics' own.
     *
     * @throws IOException also when a monitoring address cannot be bound
     */
    public static Daemon start(JzreplConfig config, Jobs.Context ctx, String version, DaemonMetrics metrics)
            throws JobStartException, IOException {
        List<Job> jobs = Jobs.fromConfig(config, ctx);
        for (String w : globalWarnings(config)) {
            LOG.warn(w);
        }
        for (JobConfig jc : config.jobs()) {
            for (String w : Jobs.warnings(jc)) {
                LOG.warn(w);
            }
        }
        if (servesStdinserver(config)) {
            prepareSockdir(ctx.stdinserverSockdir());
        }
        Daemon d = new Daemon(jobs, ctx.runner(), version, ctx.runner().clock().instant().toString(), metrics);
        List<Job> started = new ArrayList<>();
        try {
            for (Job j : jobs) {
                j.start();
                started.add(j);
            }
            metrics.serve(() -> d.report().jobs(), config.global().monitoring());
            d.control = ControlServer.start(config.global().controlSockpath(), metrics.control(new DaemonControl(d)),
                    new ObjectMapper(), ctx.runner());
        } catch (JobStartException | IOException | RuntimeException e) {
            metrics.close();
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
            ctx.runner().close();
            if (e instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith("monitoring")) {
                throw io;
            }
            if (e instanceof IOException io) {
                throw new IOException("control socket " + config.global().controlSockpath() + ": " + io.getMessage(), io);
            }
            throw e;
        }
        LOG.info("daemon started: {} jobs, control socket {}", jobs.size(), config.global().controlSockpath());
        return d;
    }

    /** The {@code global} settings this version accepts but does not act on, one sentence each (none now). */
    static List<String> globalWarnings(JzreplConfig config) {
        return List.of();
    }

    private static boolean servesStdinserver(JzreplConfig config) {
        return config.jobs().stream().anyMatch(j -> (j instanceof JobConfig.Source s
                && s.serve() instanceof ServeConfig.Stdinserver)
                || (j instanceof JobConfig.Sink k && k.serve() instanceof ServeConfig.Stdinserver));
    }

    /** Creates a missing sockdir with mode 0700; the listener then checks an existing one. */
    private static void prepareSockdir(Path sockdir) throws IOException {
        if (!Files.exists(sockdir, LinkOption.NOFOLLOW_LINKS)) { // a symlink is left for the check to refuse
            Files.createDirectories(sockdir,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    public List<Job> jobs() {
        return jobs;
    }

    public Optional<Job> job(String name) {
        return jobs.stream().filter(j -> j.name().equals(name)).findFirst();
    }

    /** A consistent report per job. */
    public DaemonReport report() {
        List<JobReport> reports = new ArrayList<>();
        for (Job j : jobs) {
            reports.add(j.report());
        }
        return new DaemonReport(version, ProcessHandle.current().pid(), startedAt, reports);
    }

    public String version() {
        return version;
    }

    /** The daemon's metrics (served when {@code global.monitoring} asks). */
    public DaemonMetrics metrics() {
        return metrics;
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closedLatch.await();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        LOG.info("daemon stopping");
        try {
            if (control != null) {
                control.close();
            }
        } catch (IOException e) {
            LOG.warn("closing the control socket failed: {}", e.toString());
        }
        metrics.close();
        for (int i = jobs.size() - 1; i >= 0; i--) {
            jobs.get(i).close();
        }
        runner.close();
        Tracing.stop().ifPresent(t -> LOG.info("trace file {} closed: {} bytes, {} events", LogText.escape(t.path()),
                t.bytes(), t.events()));
        LOG.info("daemon stopped");
        closedLatch.countDown();
    }
}
