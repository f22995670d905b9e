package org.jzrepl.testing.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server ({@link LocalDbServer}): {@code initdb} with superuser
 * {@value #SUPERUSER} (password {@value #SUPERUSER_PASSWORD}, scram over TCP, trust on the socket),
 * then {@code postgres} with {@code fsync} off. The binaries are taken from
 * {@code JZREPL_PG_BIN_DIR}, else the newest {@code /usr/lib/postgresql/N/bin} (Debian), else
 * {@code PATH}.
 */
public final class PostgresServer extends LocalDbServer {
    public static final String SUPERUSER = "postgres";
    public static final String SUPERUSER_PASSWORD = "pg-test-secret";
    private static final String BIN_ENV = "JZREPL_PG_BIN_DIR";

    private final Path bin = findBinDir();

    @Override
    protected String name() {
        return "PostgreSQL";
    }

    @Override
    protected String missing() {
        return bin != null ? null : "PostgreSQL server binaries (initdb, postgres) not found in $" + BIN_ENV
                + ", /usr/lib/postgresql/*/bin or PATH; install them with: apt-get install postgresql"
                + " (scripts/setup-deps.sh does)";
    }

    @Override
    protected String serviceUser() {
        return "postgres";
    }

    @Override
    protected void initialize() throws Exception {
        Path pw = privateFile("pwfile", SUPERUSER_PASSWORD + "\n");
        runTool(List.of(bin.resolve("initdb").toString(), "-D", data().toString(), "-U", SUPERUSER, "--pwfile=" + pw,
                "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--locale=C", "--no-sync",
                "--no-instructions"), "initdb.log");
    }

    @Override
    protected List<String> serverCommand() {
        return List.of(bin.resolve("postgres").toString(), "-D", data().toString(), "-p", Integer.toString(port()),
                "-c", "listen_addresses=" + host(), "-c", "unix_socket_directories=" + dir(), "-c", "fsync=off",
                "-c", "shared_buffers=16MB", "-c", "max_connections=20", "-c", "logging_collector=off");
    }

    @Override
    protected void requestStop(Process server) throws Exception {
        signal(server.pid(), "INT"); // fast shutdown: ends open sessions
    }

    @Override
    public Connection admin() throws SQLException {
        return connect(SUPERUSER, SUPERUSER_PASSWORD, "postgres");
    }

    /** A JDBC connection over TCP. */
    public Connection connect(String user, String password, String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("sslmode", "disable");
        p.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://" + host() + ":" + port() + "/" + database, p);
    }

    /** lib/pq URL for a zrepl config: {@code postgres://user:pass@127.0.0.1:PORT/db?sslmode=disable}. */
    public String urlDsn(String user, String password, String database) {
        return "postgres://" + user + ":" + password + "@" + host() + ":" + port() + "/" + database + "?sslmode=disable";
    }

    private Path data() {
        return dir().resolve("data");
    }

    private static Path findBinDir() {
        String env = System.getenv(BIN_ENV);
        if (env != null && !env.isEmpty()) {
            return usable(Path.of(env)) ? Path.of(env) : null;
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Path newest = versions.map(v -> v.resolve("bin")).filter(PostgresServer::usable)
                        .max(Comparator.comparing(PostgresServer::major)).orElse(null);
                if (newest != null) {
                    return newest;
                }
            } catch (IOException e) {
                // fall through to PATH
            }
        }
        Path initdb = onPath("initdb");
        return initdb != null && usable(initdb.getParent()) ? initdb.getParent() : null;
    }

    private static int major(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean usable(Path bin) {
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("postgres"));
    }
}
