package org.jzrepl.testing.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A throwaway MariaDB server ({@link LocalDbServer}): {@code mariadb-install-db} with
 * {@code root} reachable over TCP without a password, then {@code mariadbd --no-defaults} with
 * name resolution and the binary log off. Binaries from {@code JZREPL_MARIADB_BIN_DIR}, else
 * {@code PATH}, {@code /usr/sbin} and {@code /usr/bin}.
 */
public final class MariaDbServer extends LocalDbServer {
    private static final String BIN_ENV = "JZREPL_MARIADB_BIN_DIR";

    private final Path server = find("mariadbd", "mysqld");
    private final Path installDb = find("mariadb-install-db", "mysql_install_db");

    @Override
    protected String name() {
        return "MariaDB";
    }

    @Override
    protected String missing() {
        return server != null && installDb != null ? null : "MariaDB server binaries (mariadbd, mariadb-install-db)"
                + " not found in $" + BIN_ENV + ", PATH, /usr/sbin or /usr/bin; install them with: apt-get install"
                + " mariadb-server (scripts/setup-deps.sh does)";
    }

    @Override
    protected String serviceUser() {
        return "mysql";
    }

    @Override
    protected void initialize() throws Exception {
        runTool(List.of(installDb.toString(), "--no-defaults", "--datadir=" + data(), "--auth-root-authentication-method=normal",
                "--skip-test-db", "--skip-name-resolve"), "install-db.log");
    }

    @Override
    protected List<String> serverCommand() {
        return List.of(server.toString(), "--no-defaults", "--datadir=" + data(), "--port=" + port(),
                "--bind-address=" + host(), "--socket=" + dir().resolve("mysqld.sock"), "--pid-file=" + dir().resolve("mysqld.pid"),
                "--log-error=" + dir().resolve("error.log"), "--skip-log-bin", "--skip-name-resolve",
                "--innodb-buffer-pool-size=16M", "--innodb-flush-log-at-trx-commit=0", "--max-connections=30");
    }

    @Override
    protected void requestStop(Process process) {
        process.destroy(); // SIGTERM: a clean shutdown
    }

    @Override
    public Connection admin() throws SQLException {
        return connect("root", "");
    }

    /** A JDBC connection over TCP. */
    public Connection connect(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "5000");
        return DriverManager.getConnection("jdbc:mariadb://" + host() + ":" + port() + "/", p);
    }

    /** go-sql-driver DSN for a zrepl config: {@code user:pass@tcp(127.0.0.1:PORT)/db}. */
    public String dsn(String user, String password, String database) {
        return user + ":" + password + "@tcp(" + host() + ":" + port() + ")/" + database;
    }

    private Path data() {
        return dir().resolve("data");
    }

    private static Path find(String... names) {
        String env = System.getenv(BIN_ENV);
        for (String n : names) {
            Path p = env != null && !env.isEmpty() ? firstExecutable(Stream.of(Path.of(env, n))) : onPath(n);
            if (p == null && (env == null || env.isEmpty())) {
                p = firstExecutable(Stream.of(Path.of("/usr/sbin", n), Path.of("/usr/bin", n)));
            }
            if (p != null) {
                return p;
            }
        }
        return null;
    }
}
