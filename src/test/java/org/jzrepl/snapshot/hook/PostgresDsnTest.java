package org.jzrepl.snapshot.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** lib/pq's two DSN forms, as zrepl users write them, to the PostgreSQL JDBC driver's URL and properties. */
class PostgresDsnTest {

    /** props: the driver properties, sorted, as k=v joined by '|'; socket factory and gssEncMode left out. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
        // URL form
        "postgres://zrepl:secret@db.example.org:5433/app?sslmode=disable;"
            + " jdbc:postgresql://db.example.org:5433/app; ApplicationName=jzrepl|password=secret|sslmode=disable|user=zrepl",
        "postgresql://zrepl@127.0.0.1/app;"
            + " jdbc:postgresql://127.0.0.1:5432/app; ApplicationName=jzrepl|sslmode=require|user=zrepl",
        "postgres://u:p%40ss%2Fw+rd@[::1]:6000/my%20db?sslmode=verify-full&sslrootcert=/etc/ca.pem&application_name=snap;"
            + " jdbc:postgresql://[::1]:6000/my+db; ApplicationName=snap|password=p@ss/w+rd|sslmode=verify-full|sslrootcert=/etc/ca.pem|user=u",
        "postgres://u@h/d?search_path=zrepl&connect_timeout=5;"
            + " jdbc:postgresql://h:5432/d; ApplicationName=jzrepl|options=-c search_path=zrepl|sslmode=require|user=u",
        // key=value form
        "host=127.0.0.1 port=5432 user=x dbname=y sslmode=disable;"
            + " jdbc:postgresql://127.0.0.1:5432/y; ApplicationName=jzrepl|sslmode=disable|user=x",
        "  user = x password = 'it s' dbname=y ;"
            + " jdbc:postgresql://localhost:5432/y; ApplicationName=jzrepl|password=it s|sslmode=require|user=x",
        "user=x password='a b\\'c\\\\d' host=db;"
            + " jdbc:postgresql://db:5432/x; ApplicationName=jzrepl|password=a b'c\\d|sslmode=require|user=x",
        "user=x password=a\\ b fallback_application_name=zrepl options='-c work_mem=4MB';"
            + " jdbc:postgresql://localhost:5432/x; ApplicationName=zrepl|options=-c work_mem=4MB|password=a b|sslmode=require|user=x",
        "user=x host=/run/postgresql port=5433;"
            + " jdbc:postgresql://localhost:5433/x; ApplicationName=jzrepl|socketFactoryArg=/run/postgresql/.s.PGSQL.5433|sslmode=disable|user=x",
    })
    void translates(String dsn, String url, String props) {
        PostgresDsn d = PostgresDsn.parse(dsn, Map.of());
        assertEquals(url.strip(), d.jdbcUrl());
        assertEquals(props.strip(), flat(d.properties()));
    }

    @Test
    void quotedValueWithDoubledQuoteEndsAtTheFirstQuoteAsInLibPq() {
        // lib/pq has no '' escape: 'it''s' is the value "it" followed by the word "'s'"... which has no '='
        assertThrows(IllegalArgumentException.class, () -> PqDsnParser.parseKeyValues("password='it''s'x"));
    }

    @Test
    void libPqEnvironmentFillsUnsetKeysOnly() {
        PostgresDsn d = PostgresDsn.parse("dbname=app", Map.of("PGHOST", "pg.internal", "PGUSER", "backup",
                "PGPASSWORD", "envsecret", "PGSSLMODE", "verify-ca", "PGPORT", "6432"));
        assertEquals("jdbc:postgresql://pg.internal:6432/app", d.jdbcUrl());
        assertEquals("ApplicationName=jzrepl|password=envsecret|sslmode=verify-ca|user=backup", flat(d.properties()));
        assertEquals("jdbc:postgresql://other:6432/app",
                PostgresDsn.parse("host=other dbname=app", Map.of("PGHOST", "pg.internal", "PGPORT", "6432")).jdbcUrl());
    }

    @Test
    void defaultsAreLibPqs() {
        PostgresDsn d = PostgresDsn.parse("", Map.of());
        String me = System.getProperty("user.name");
        assertEquals("jdbc:postgresql://localhost:5432/" + me, d.jdbcUrl());
        assertEquals("require", d.properties().getProperty("sslmode"));
        assertEquals("disable", d.properties().getProperty("gssEncMode"));
        assertEquals(me, d.properties().getProperty("user"));
    }

    @Test
    void socketDirectoryUsesJunixsocket() {
        Properties p = PostgresDsn.parse("host=/var/run/postgresql user=x", Map.of()).properties();
        assertEquals("org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg", p.getProperty("socketFactory"));
    }

    @Test
    void describesWithoutPassword() {
        PostgresDsn d = PostgresDsn.parse("postgres://zrepl:hunter2@db:5433/app?sslmode=disable", Map.of());
        assertEquals("db:5433/app", d.toString());
        assertFalse(d.toString().contains("hunter2"));
    }

    /** message: a part the error must contain; the password "hunter2" must never appear. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
        "user=x password=hunter2 sslcert=/c.pem;                 has no equivalent in the JDBC driver",
        "user=x password=hunter2 krbsrvname=pg;                 has no equivalent in the JDBC driver",
        "user=x password=hunter2 port=99999;                    is not a number from 1 to 65535",
        "user=x password=hunter2 sslmode=sometimes;             is not one of",
        "user=x password=hunter2 connect_timeout=soon;          is not a whole number of seconds",
        "user=x password=hunter2 search_path='a b';             free of spaces and backslashes",
        "user=x password='hunter2;                              unterminated quoted value of 'password'",
        "user=x password=hunter2\\;                             ends in a lone backslash",
        "user=x password=hunt er2;                              missing '=' after the word at character 22",
        "mysql://x:hunter2@h/db;                                only postgres:// and postgresql:// URLs",
        "postgres://x:hunter2@h1,h2/db;                         names several hosts",
        "postgres://x:hunter2@h/db%zz;                          invalid %-escape",
        "postgres://x:hunter2@[::1/db;                          unclosed '['",
        "host='bad host' user=x password=hunter2;               is neither a host name",
    })
    void refusesWithAMessageAndWithoutThePassword(String dsn, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PostgresDsn.parse(dsn, Map.of()));
        assertTrue(e.getMessage().contains(message.strip()), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    private static String flat(Properties p) {
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        m.remove("gssEncMode");
        m.remove("socketFactory");
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "|").append(k).append('=').append(v));
        return sb.toString();
    }
}
