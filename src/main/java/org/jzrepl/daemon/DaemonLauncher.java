package org.jzrepl.daemon;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
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
import org.slf4j.LoggerFactory;

/**
 * {@code jzrepl daemon}: configures logging from {@code global.logging}, starts the daemon on the
 * host's zfs ({@link ZfsBinary}), and runs in the foreground until SIGTERM or SIGINT, whose
 * shutdown hook stops it in order (control socket, listeners and their sockets, replications).
 */
public final class DaemonLauncher {

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
        Clock clock = Clock.systemDefaultZone();
        DaemonMetrics metrics = DaemonMetrics.create(version, clock);
        Path zfs = ZfsBinary.locate();
        Jobs.Context ctx = new Jobs.Context(new ZfsCli(new ZfsRunner(zfs, metrics.zfsMeter(zfs.toString()))),
                new LocalSwitchboard(), config.global().stdinserverSockdir(), Path.of(System.getProperty("user.home")),
                RpcSettings.defaults(), new ThreadTaskRunner(clock), metrics.runObserver());
        Daemon daemon = Daemon.start(config, ctx, version, metrics);
        Thread hook = new Thread(daemon::close, "jzrepl-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        daemon.awaitClosed();
    }

    /**
     * slf4j-simple writes to stderr; the level is the most verbose of the {@code stdout} outlets
     * (other outlet types are not built yet and are reported once). Apache MINA SSHD stays at
     * info when that level is debug or trace.
     */
    static void configureLogging(JzreplConfig config) {
        LoggingOutlet.Level level = null;
        boolean other = false;
        for (LoggingOutlet o : config.global().logging()) {
            if (o instanceof LoggingOutlet.Stdout) {
                level = level == null || o.level().ordinal() < level.ordinal() ? o.level() : level;
            } else {
                other = true;
            }
        }
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                    (level == null ? LoggingOutlet.Level.WARN : level).name().toLowerCase(Locale.ROOT));
        }
        // MINA SSHD logs every packet at debug: jzrepl's own debug output stays readable (and the
        // data path fast) unless the operator asks for the library's detail by property.
        if (System.getProperty("org.slf4j.simpleLogger.log.org.apache.sshd") == null
                && level != null && level.ordinal() < LoggingOutlet.Level.INFO.ordinal()) {
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.sshd", "info");
        }
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        if (other) {
            LoggerFactory.getLogger(DaemonLauncher.class).warn("logging outlets other than stdout (syslog, tcp)"
                    + " are not built yet; logging to stderr only");
        }
    }
}
