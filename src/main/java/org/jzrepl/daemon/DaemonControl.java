package org.jzrepl.daemon;

import org.jzrepl.daemon.control.ControlHandler;
import org.jzrepl.daemon.control.SignalOp;
import org.jzrepl.job.Job;
import org.jzrepl.job.UnsupportedSignalException;
import org.jzrepl.util.LogText;
import org.jzrepl.util.trace.TraceSummary;
import org.jzrepl.util.trace.Tracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The control socket's view of the daemon: status report, version, signals to jobs, the trace file. */
final class DaemonControl implements ControlHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonControl.class);
    private final Daemon daemon;

    DaemonControl(Daemon daemon) {
        this.daemon = daemon;
    }

    @Override
    public Object status() {
        return daemon.report();
    }

    @Override
    public String version() {
        return daemon.version();
    }

    /** Every job that prunes, or {@code job} only (refused with 400 when it does not prune). */
    @Override
    public Object pruneDryRun(String job, String filesystem) throws UnknownJobException {
        java.util.List<org.jzrepl.job.PruneDryRun> out = new java.util.ArrayList<>();
        if (job != null) {
            Job j = daemon.job(job).orElseThrow(() -> new UnknownJobException(job));
            try {
                out.add(j.pruneDryRun(filesystem));
            } catch (UnsupportedSignalException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        } else {
            for (Job j : daemon.jobs()) {
                try {
                    out.add(j.pruneDryRun(filesystem));
                } catch (UnsupportedSignalException doesNotPrune) {
                    // sink and source jobs: their clients prune
                }
            }
        }
        return java.util.Map.of("jobs", out);
    }

    /** Starts the trace file (see {@link Tracing#start}); the path must be absolute (the CLI resolves it). */
    @Override
    public Object traceStart(String path, boolean force, long maxBytes) throws java.io.IOException {
        TraceSummary s = Tracing.start(java.nio.file.Path.of(path), force, maxBytes);
        LOG.info("trace file {} started on request (cap {} bytes)", LogText.escape(s.path()), maxBytes);
        return s;
    }

    @Override
    public Object traceStop() {
        java.util.Optional<TraceSummary> s = Tracing.stop();
        s.ifPresent(t -> LOG.info("trace file {} stopped on request: {} bytes, {} events", LogText.escape(t.path()),
                t.bytes(), t.events()));
        return s.<Object>map(t -> t).orElse(java.util.Map.of());
    }

    /** An unsupported signal (e.g. wakeup of a source) is refused with 400 and the job's message. */
    @Override
    public void signal(String job, SignalOp op) throws UnknownJobException {
        Job j = daemon.job(job).orElseThrow(() -> new UnknownJobException(job));
        try {
            if (op == SignalOp.WAKEUP) {
                j.wakeup();
            } else {
                j.reset();
            }
        } catch (UnsupportedSignalException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
