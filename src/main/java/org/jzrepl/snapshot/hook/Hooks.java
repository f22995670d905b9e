package org.jzrepl.snapshot.hook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jzrepl.config.HookConfig;
import org.jzrepl.util.LogText;

/** Builds a job's hooks from its config, in config order. */
public final class Hooks {
    /** zrepl's variable for the bytes of output kept per command hook run. */
    public static final String MAX_LOG_SIZE_ENV = "ZREPL_MAX_HOOK_LOG_SIZE";
    /** zrepl's default for {@value #MAX_LOG_SIZE_ENV}: 1 MiB. */
    public static final int DEFAULT_MAX_LOG_SIZE = 1 << 20;

    private Hooks() {
    }

    /** {@link #fromConfig(List, Map)} with the daemon's environment. */
    public static List<Hook> fromConfig(List<HookConfig> configs) {
        return fromConfig(configs, System.getenv());
    }

    /**
     * The hooks for {@code configs}; {@code env} supplies {@value #MAX_LOG_SIZE_ENV} and lib/pq's
     * {@code PG*} defaults. A DSN that cannot be translated fails here, at daemon start.
     *
     * @throws IllegalArgumentException naming the hook (1-based) and what is wrong
     */
    public static List<Hook> fromConfig(List<HookConfig> configs, Map<String, String> env) {
        int maxLog = maxLogSize(env);
        List<Hook> out = new ArrayList<>(configs.size());
        for (int i = 0; i < configs.size(); i++) {
            try {
                out.add(fromConfig(configs.get(i), env, maxLog));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("hook " + (i + 1) + " (" + type(configs.get(i)) + "): "
                        + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    /**
     * One hook. Java 17 has no exhaustive switch over a sealed type, so a test checks that every
     * permitted subtype of {@link HookConfig} is handled here.
     */
    static Hook fromConfig(HookConfig c, Map<String, String> env, int maxLog) {
        if (c instanceof HookConfig.Command h) {
            return new CommandHook(h.path(), h.timeout(), h.filesystems(), h.errIsFatal(), maxLog);
        } else if (c instanceof HookConfig.PostgresCheckpoint h) {
            return new PostgresCheckpointHook(PostgresDsn.parse(h.dsn(), env), h.timeout(), h.filesystems(),
                    h.errIsFatal());
        } else if (c instanceof HookConfig.MysqlLockTables h) {
            return new MysqlLockTablesHook(MysqlDsn.parse(h.dsn()), h.timeout(), h.filesystems(), h.errIsFatal());
        }
        throw new IllegalArgumentException("unknown hook type " + c.getClass().getName());
    }

    /** zrepl's name of the hook type. */
    static String type(HookConfig c) {
        if (c instanceof HookConfig.Command) {
            return "command";
        } else if (c instanceof HookConfig.PostgresCheckpoint) {
            return "postgres-checkpoint";
        } else if (c instanceof HookConfig.MysqlLockTables) {
            return "mysql-lock-tables";
        }
        return c.getClass().getSimpleName();
    }

    /** {@value #MAX_LOG_SIZE_ENV} from {@code env}, a positive number of bytes; default 1 MiB. */
    static int maxLogSize(Map<String, String> env) {
        String v = env.get(MAX_LOG_SIZE_ENV);
        if (v == null || v.isBlank()) {
            return DEFAULT_MAX_LOG_SIZE;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException(MAX_LOG_SIZE_ENV + " must be a positive number of bytes, got '"
                + LogText.escape(v, 40) + "'");
    }

    /** Closes every hook ({@link Hook#close()}), releasing what their pending post parts hold. */
    public static void closeAll(List<Hook> hooks) {
        for (Hook h : hooks) {
            h.close();
        }
    }
}
