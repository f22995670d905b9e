package org.jzrepl.snapshot.hook;

import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.jzrepl.config.Durations;
import org.jzrepl.util.LogText;

/**
 * A zrepl {@code mysql-lock-tables} DSN in go-sql-driver's form
 * {@code [user[:password]@][tcp[(host[:port])]]/[dbname][?param=value&...]}, split as that
 * driver does (at the last {@code /}, then the last {@code @} before it, then the first
 * {@code :} of the user info), translated to a JDBC URL and properties for the MariaDB driver.
 * Defaults as go-sql-driver: {@code tcp(127.0.0.1:3306)}, port 3306, TLS off. Parameters:
 * {@code timeout} (connect), {@code tls} ({@code false}, {@code true}, {@code skip-verify});
 * client-side options that do not matter for a lock are ignored; other names are server
 * variables, set for the session as go-sql-driver does. {@code unix(/path)} needs JNA in the
 * MariaDB driver, which jzrepl does not ship: refused with a message, as is a custom TLS config.
 * {@link #toString()} never shows the password.
 */
final class MysqlDsn {
    /** go-sql-driver options that change nothing for one FLUSH TABLES WITH READ LOCK connection. */
    private static final Set<String> IGNORED = Set.of("charset", "collation", "loc", "parseTime", "allowNativePasswords",
            "interpolateParams", "clientFoundRows", "columnsWithAlias", "multiStatements", "maxAllowedPacket",
            "checkConnLiveness", "readTimeout", "writeTimeout", "rejectReadOnly", "timeTruncate");
    /** go-sql-driver options without an equivalent here. */
    private static final Set<String> REFUSED = Set.of("allowCleartextPasswords", "allowOldPasswords", "allowAllFiles",
            "serverPubKey", "allowFallbackToPlaintext", "connectionAttributes");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern VARIABLE_VALUE = Pattern.compile("[A-Za-z0-9_.'+-]+");
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_$-]{0,64}");
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9._-]+|[0-9A-Fa-f:.]+");

    final String user;
    private final String password;
    final String host;
    final int port;
    final String database;
    /** The DSN's {@code timeout}, or null. */
    final Duration connectTimeout;
    private final String sslMode;
    private final String sessionVariables;

    private MysqlDsn(String user, String password, String host, int port, String database, Duration connectTimeout,
            String sslMode, String sessionVariables) {
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.database = database;
        this.connectTimeout = connectTimeout;
        this.sslMode = sslMode;
        this.sessionVariables = sessionVariables;
    }

    static MysqlDsn parse(String dsn) {
        int slash = dsn.lastIndexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("the dsn has no '/' before the database name"
                    + " (form: user:password@tcp(host:port)/dbname)");
        }
        String left = dsn.substring(0, slash);
        String right = dsn.substring(slash + 1);
        String user = "";
        String password = null;
        int at = left.lastIndexOf('@');
        if (at >= 0) {
            String info = left.substring(0, at);
            int colon = info.indexOf(':');
            user = colon >= 0 ? info.substring(0, colon) : info;
            password = colon >= 0 ? info.substring(colon + 1) : null;
        }
        String netAddr = left.substring(at + 1);
        String net = netAddr;
        String addr = "";
        int paren = netAddr.indexOf('(');
        if (paren >= 0) {
            if (!netAddr.endsWith(")")) {
                throw new IllegalArgumentException("the address in the dsn must be closed by ')' right before '/'");
            }
            net = netAddr.substring(0, paren);
            addr = netAddr.substring(paren + 1, netAddr.length() - 1);
        }
        if (net.isEmpty()) {
            net = "tcp";
        }
        if (net.equals("unix")) {
            throw new IllegalArgumentException("unix sockets are not supported for mysql-lock-tables (the MariaDB"
                    + " JDBC driver needs JNA for them); connect over tcp(127.0.0.1:3306)");
        }
        if (!Set.of("tcp", "tcp4", "tcp6").contains(net)) {
            throw new IllegalArgumentException("network '" + LogText.escape(net, 40) + "' is not tcp");
        }
        String host = "127.0.0.1";
        int port = 3306;
        if (!addr.isEmpty()) {
            int colon = addr.lastIndexOf(':');
            boolean hasPort = addr.startsWith("[") ? addr.lastIndexOf(']') < colon : colon >= 0 && colon == addr.indexOf(':');
            if (hasPort) { // else a bare name or IPv6 address: port 3306, as go-sql-driver's ensureHavePort
                host = addr.substring(0, colon);
                port = DsnPort.parse(addr.substring(colon + 1));
            } else {
                host = addr;
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (!HOSTNAME.matcher(host).matches()) {
                throw new IllegalArgumentException("host '" + LogText.escape(host, 80) + "' is neither a host name nor an IP address");
            }
        }
        int q = right.indexOf('?');
        String database = q >= 0 ? right.substring(0, q) : right;
        if (!DATABASE.matcher(database).matches()) {
            throw new IllegalArgumentException("database name '" + LogText.escape(database, 80) + "' has characters"
                    + " other than letters, digits, '_', '$' and '-'");
        }
        Duration timeout = null;
        String sslMode = "disable";
        StringJoiner vars = new StringJoiner(",");
        if (q >= 0) {
            for (String pair : right.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("dsn parameter '" + LogText.escape(pair, 40) + "' has no '='");
                }
                String key = pair.substring(0, eq);
                String value = PqDsnParser.decode(pair.substring(eq + 1), true);
                if (key.equals("timeout")) {
                    timeout = Durations.parseFlexiblePositive(value);
                } else if (key.equals("tls")) {
                    sslMode = sslMode(value);
                } else if (REFUSED.contains(key)) {
                    throw new IllegalArgumentException("dsn parameter '" + key + "' has no equivalent in the JDBC"
                            + " driver jzrepl uses; connect without it");
                } else if (!IGNORED.contains(key)) {
                    if (!NAME.matcher(key).matches() || !VARIABLE_VALUE.matcher(value).matches()) {
                        throw new IllegalArgumentException("dsn parameter '" + LogText.escape(key, 40) + "' is neither"
                                + " a driver option nor a server variable with a simple value");
                    }
                    vars.add(key + "=" + value);
                }
            }
        }
        return new MysqlDsn(user, password, host, port, database, timeout, sslMode, vars.toString());
    }

    private static String sslMode(String tls) {
        return switch (tls) {
            case "", "false" -> "disable";
            case "true" -> "verify-full";
            case "skip-verify" -> "trust";
            case "preferred" -> throw new IllegalArgumentException("tls=preferred (TLS only if the server offers it)"
                    + " has no equivalent here: use tls=skip-verify or tls=false");
            default -> throw new IllegalArgumentException("tls='" + LogText.escape(tls, 40) + "': custom TLS configs"
                    + " cannot be named in jzrepl; use tls=true, tls=skip-verify or tls=false");
        };
    }

    String jdbcUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "jdbc:mariadb://" + h + ":" + port + "/" + database;
    }

    /** Driver properties without timeouts (the hook adds them per call). */
    Properties properties() {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("sslMode", sslMode);
        if (!sessionVariables.isEmpty()) {
            p.setProperty("sessionVariables", sessionVariables);
        }
        return p;
    }

    /** {@code host:port/db}, for logs and status. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + LogText.escape(database, 120);
    }
}
