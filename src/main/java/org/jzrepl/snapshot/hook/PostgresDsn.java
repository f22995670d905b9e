package org.jzrepl.snapshot.hook;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.jzrepl.util.LogText;

/**
 * A zrepl {@code postgres-checkpoint} DSN (lib/pq's forms, see {@link PqDsnParser}) translated to
 * a JDBC URL and properties for the PostgreSQL JDBC driver. lib/pq's defaults apply: host
 * {@code localhost}, port 5432, {@code sslmode=require} (encrypted, not verified; {@code disable}
 * on a socket, where the server offers no TLS), user from
 * {@code PGUSER} or the daemon's user, dbname = user; its {@code PG*} variables fill unset keys.
 * A host starting with {@code /} is a socket directory (connected through junixsocket). Other
 * keys become server settings ({@code -c key=value}) as lib/pq sends them; what the JDBC driver
 * cannot do alike (client certificates, Kerberos) is refused with a message.
 * {@link #toString()} never shows the password.
 */
final class PostgresDsn {
    private static final Set<String> SSLMODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    private static final Map<String, String> ENV = Map.of("PGHOST", "host", "PGPORT", "port", "PGDATABASE", "dbname",
            "PGUSER", "user", "PGPASSWORD", "password", "PGSSLMODE", "sslmode", "PGCONNECT_TIMEOUT", "connect_timeout",
            "PGAPPNAME", "application_name", "PGSSLROOTCERT", "sslrootcert");
    private static final Set<String> REFUSED = Set.of("sslcert", "sslkey", "sslinline", "sslpassword", "sslsni",
            "krbsrvname", "krbspn", "service", "passfile", "target_session_attrs");
    private static final Pattern SETTING = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9._-]+|[0-9A-Fa-f:.]+");
    private static final Pattern SAFE_VALUE = Pattern.compile("[^\\s\\\\]*");

    final String host;
    final int port;
    final String database;
    final String user;
    private final String password;
    private final Properties props = new Properties();
    /** lib/pq's {@code connect_timeout}, seconds; 0 = none. */
    final int connectTimeoutSeconds;

    private PostgresDsn(Map<String, String> o) {
        host = o.getOrDefault("host", "localhost");
        port = DsnPort.parse(o.getOrDefault("port", "5432"));
        user = o.getOrDefault("user", System.getProperty("user.name"));
        database = o.getOrDefault("dbname", user);
        password = o.get("password");
        connectTimeoutSeconds = parseSeconds(o.getOrDefault("connect_timeout", "0"));
        // the server never offers TLS on a socket: lib/pq's "require" default cannot apply there
        String sslmode = o.getOrDefault("sslmode", host.startsWith("/") ? "disable" : "require");
        if (!SSLMODES.contains(sslmode)) {
            throw new IllegalArgumentException("sslmode '" + LogText.escape(sslmode, 40) + "' is not one of " + SSLMODES);
        }
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("sslmode", sslmode);
        props.setProperty("gssEncMode", "disable"); // lib/pq never tries GSSAPI encryption
        if (o.containsKey("sslrootcert")) {
            props.setProperty("sslrootcert", o.get("sslrootcert"));
        }
        props.setProperty("ApplicationName", o.getOrDefault("application_name",
                o.getOrDefault("fallback_application_name", "jzrepl")));
        if (host.startsWith("/")) {
            props.setProperty("socketFactory", "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg");
            props.setProperty("socketFactoryArg", host + "/.s.PGSQL." + port);
        } else if (!HOSTNAME.matcher(host).matches()) {
            throw new IllegalArgumentException("host '" + LogText.escape(host, 80) + "' is neither a host name,"
                    + " an IP address nor a socket directory");
        }
        StringBuilder options = new StringBuilder(o.getOrDefault("options", ""));
        for (Map.Entry<String, String> e : o.entrySet()) {
            String key = e.getKey();
            if (REFUSED.contains(key)) {
                throw new IllegalArgumentException("dsn key '" + key + "' has no equivalent in the JDBC driver"
                        + " jzrepl uses; connect without it (e.g. trust the host by pg_hba.conf or a password)");
            }
            if (isKnown(key)) {
                continue;
            }
            if (!SETTING.matcher(key).matches() || !SAFE_VALUE.matcher(e.getValue()).matches()) {
                throw new IllegalArgumentException("dsn key '" + LogText.escape(key, 40) + "' is neither a connection"
                        + " setting nor a server setting with a value free of spaces and backslashes");
            }
            options.append(options.length() == 0 ? "" : " ").append("-c ").append(key).append('=').append(e.getValue());
        }
        if (options.length() > 0) {
            props.setProperty("options", options.toString());
        }
    }

    /** Parses {@code dsn}; {@code env} supplies lib/pq's {@code PG*} defaults (the daemon's environment). */
    static PostgresDsn parse(String dsn, Map<String, String> env) {
        Map<String, String> o = new LinkedHashMap<>();
        ENV.forEach((var, key) -> {
            String v = env.get(var);
            if (v != null && !v.isEmpty()) {
                o.put(key, v);
            }
        });
        o.putAll(PqDsnParser.parse(dsn));
        return new PostgresDsn(o);
    }

    private static boolean isKnown(String key) {
        return switch (key) {
            case "host", "port", "dbname", "user", "password", "sslmode", "sslrootcert", "connect_timeout",
                 "application_name", "fallback_application_name", "options" -> true;
            default -> false;
        };
    }

    /** {@code jdbc:postgresql://host:port/db}; a socket's host is a placeholder the socket factory ignores. */
    String jdbcUrl() {
        String h = host.startsWith("/") ? "localhost" : host.contains(":") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8);
    }

    /** The driver properties, without timeouts (the hook adds them per call). A copy. */
    Properties properties() {
        Properties p = new Properties();
        p.putAll(props);
        return p;
    }

    /** {@code host:port/db}, for logs and status. */
    @Override
    public String toString() {
        return LogText.escape(host, 120) + ":" + port + "/" + LogText.escape(database, 120);
    }

    private static int parseSeconds(String s) {
        try {
            int v = Integer.parseInt(s.strip());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("connect_timeout '" + LogText.escape(s, 40) + "' is not a whole number of seconds");
    }
}
