package org.jzrepl.daemon;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.jzrepl.config.JzreplConfig;
import org.jzrepl.config.LoggingOutlet;
import org.jzrepl.daemon.metrics.DaemonMetrics;
import org.jzrepl.job.JobStartException;
import org.jzrepl.job.Jobs;
import org.jzrepl.rpc.RpcSettings;
import org.jzrepl.runtime.ThreadTaskRunner;
import org.jzrepl.transport.local.LocalSwitchboard;
import org.jzrepl.zfs.cmd.ZfsCli;
import org.jzrepl.zfs.cmd.ZfsRunner;
import org.jzrepl.util.log.Logging;
import org.jzrepl.util.log.SyslogSink;
import org.jzrepl.util.LogText;
import org.jzrepl.util.trace.Tracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code jzrepl daemon}: configures logging from {@code global.logging}, starts the daemon on the
 * host's zfs ({@link ZfsBinary}), and runs in the foreground until SIGTERM or SIGINT, whose
 * shutdown hook stops it in order (control socket, listeners and their sockets, replications).
 */
public final class DaemonLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonLauncher.class);

    private DaemonLauncher() {
    }

    /**
     * Runs the daemon until the JVM is asked to stop; returns when it has stopped.
     *
     * @throws JobStartException          a job cannot run as configured
     * @throws java.io.IOException        the control socket or a sockdir cannot be set up
     * @throws IllegalArgumentException   {@value ZfsBinary#ENV} names no executable
     */
    public static void run(JzreplConfig config, String version) throws Exception {
        configureLogging(config);
        startTrace(System.getenv());
        Clock clock = Clock.systemDefaultZone();
        DaemonMetrics metrics = DaemonMetrics.create(version, clock);
        Path zfs = ZfsBinary.locate();
        ThreadTaskRunner runner = new ThreadTaskRunner(clock);
        Jobs.Context ctx = new Jobs.Context(new ZfsCli(new ZfsRunner(zfs, metrics.zfsMeter(zfs.toString()))),
                new LocalSwitchboard(), config.global().stdinserverSockdir(), Path.of(System.getProperty("user.home")),
                RpcSettings.defaults(runner), runner, metrics.runObserver());
        Daemon daemon;
        try {
            daemon = Daemon.start(config, ctx, version, metrics);
        } catch (Exception e) {
            Tracing.stop();     // the file stays valid JSON
            throw e;
        }
        SystemdNotifier systemd = SystemdNotifier.fromEnv(System.getenv());
        Thread hook = new Thread(() -> {
            systemd.stopping();
            daemon.close();
        }, "jzrepl-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        systemd.ready("running " + config.jobs().size() + " jobs, control socket " + config.global().controlSockpath());
        daemon.awaitClosed();
    }

    /**
     * Starts the trace file {@value Tracing#ENV_FILE} names, if set (relative to the working
     * directory), capped at {@value Tracing#ENV_MAX_BYTES} bytes or {@link Tracing#DEFAULT_MAX_BYTES};
     * an existing file is refused. The daemon stops it when it stops ({@link Daemon#close()}).
     *
     * @return whether a trace was started
     * @throws IllegalArgumentException a bad cap or path; the message names the variable
     * @throws java.io.IOException      the file exists or cannot be created; the message names the variable
     */
    static boolean startTrace(Map<String, String> env) throws java.io.IOException {
        String file = env.get(Tracing.ENV_FILE);
        if (file == null || file.isEmpty()) {
            return false;
        }
        long max = Tracing.DEFAULT_MAX_BYTES;
        String cap = env.get(Tracing.ENV_MAX_BYTES);
        try {
            if (cap != null && !cap.isEmpty()) {
                max = Long.parseLong(cap.strip());
            }
            Path p = Path.of(file).toAbsolutePath();
            Tracing.start(p, false, max);
            LOG.info("writing the trace file {} ({}), capped at {} bytes", LogText.escape(p.toString()),
                    Tracing.ENV_FILE, max);
            return true;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Tracing.ENV_FILE + "=" + file + ": " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new java.io.IOException(Tracing.ENV_FILE + "=" + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sends the log to {@code global.logging}'s outlets (stdout, syslog on {@value SyslogSink#DEV_LOG},
     * tcp). Apache MINA SSHD stays at info when an outlet logs at debug, unless
     * {@code -Dorg.slf4j.simpleLogger.log.org.apache.sshd=LEVEL} says otherwise.
     *
     * @throws java.io.IOException a tcp outlet's TLS files cannot be read
     */
    static void configureLogging(JzreplConfig config) throws java.io.IOException {
        boolean debug = config.global().logging().stream()
                .anyMatch(o -> o.level().ordinal() < LoggingOutlet.Level.INFO.ordinal());
        // MINA SSHD logs every packet at debug: jzrepl's own debug output stays readable (and the
        // data path fast) unless the operator asks for the library's detail by property.
        if (System.getProperty("org.slf4j.simpleLogger.log.org.apache.sshd") == null && debug) {
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.sshd", "info");
        }
        Logging.configure(LogOutlets.of(config.global().logging(), System.getenv(), Path.of(SyslogSink.DEV_LOG)));
    }
}
