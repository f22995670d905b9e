package org.jzrepl.snapshot.hook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jzrepl.config.Durations;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.util.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * zrepl's {@code command} hook: runs {@code path} (no arguments) before the snapshot with
 * {@code ZREPL_HOOKTYPE=pre_snapshot} and again after it with {@code post_snapshot}, so zrepl
 * users' scripts run unchanged. Environment: the daemon's plus {@code ZREPL_HOOKTYPE},
 * {@code ZREPL_FS}, {@code ZREPL_SNAPNAME}, {@code ZREPL_DRYRUN} ({@code true} or empty) and
 * {@code ZREPL_TIMEOUT} (whole seconds, rounded down as zrepl does). A non-zero exit or the
 * timeout (the hook's whole process group is killed, see {@link HookProcess}) fails the call.
 */
public final class CommandHook extends ConfiguredHook {
    private static final Logger LOG = LoggerFactory.getLogger(CommandHook.class);
    /** Characters of the output's end quoted in an error message. */
    static final int MESSAGE_TAIL = 1024;

    private final Path path;
    private final int maxOutput;

    /** @param maxOutput bytes of combined output kept per run ({@code ZREPL_MAX_HOOK_LOG_SIZE}) */
    public CommandHook(Path path, Duration timeout, FilesystemFilter filesystems, boolean errIsFatal, int maxOutput) {
        super(timeout, filesystems, errIsFatal);
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("hook path '" + path + "' must be absolute");
        }
        if (maxOutput < 1) {
            throw new IllegalArgumentException("output cap must be positive: " + maxOutput);
        }
        this.path = path;
        this.maxOutput = maxOutput;
    }

    @Override
    public String describe() {
        return "command " + path;
    }

    @Override
    public Post pre(HookEnv env) throws HookException, InterruptedException {
        run("pre_snapshot", env);
        return e -> run("post_snapshot", e);
    }

    /** The variables zrepl adds to the daemon's environment for one call. */
    Map<String, String> environment(String type, HookEnv env) {
        return Map.of("ZREPL_HOOKTYPE", type,
                "ZREPL_FS", env.fs().name(),
                "ZREPL_SNAPNAME", env.snapshotName(),
                "ZREPL_DRYRUN", env.dryRun() ? "true" : "",
                "ZREPL_TIMEOUT", Long.toString(timeout.toSeconds()));
    }

    private void run(String type, HookEnv env) throws HookException, InterruptedException {
        String what = describe() + " (" + type + " " + env.fs().name() + "@" + LogText.escape(env.snapshotName()) + ")";
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new HookException("hook " + what + ": " + path + " is not an executable file");
        }
        HookOutput output = new HookOutput("hook " + what, maxOutput, LOG);
        HookProcess.Result r;
        try {
            r = HookProcess.run(path, environment(type, env), timeout, output);
        } catch (IOException e) {
            throw new HookException("hook " + what + ": cannot start: " + LogText.escape(e.getMessage()), "", e);
        }
        if (r.timedOut()) {
            String why = r.lingering()
                    ? "exited with " + r.exitCode() + " but processes it started kept its output open"
                    : "did not exit";
            throw failure(what + " timed out after " + Durations.format(timeout) + " (" + why
                    + "; its process group was killed)", output);
        }
        if (r.exitCode() != 0) {
            throw failure(what + " exited with " + r.exitCode(), output);
        }
        LOG.debug("hook {} succeeded, {} bytes of output", what, output.total());
    }

    private static HookException failure(String message, HookOutput output) {
        String tail = output.tail(MESSAGE_TAIL);
        return new HookException("hook " + message + (tail.isEmpty() ? ", no output" : "; output: " + tail),
                String.join("\n", output.lines()), null);
    }
}
