package org.jzrepl.snapshot.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** go-sql-driver DSNs, as zrepl users write them, to the MariaDB JDBC driver's URL and properties. */
class MysqlDsnTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
        "root:secret@tcp(127.0.0.1:3306)/;              jdbc:mariadb://127.0.0.1:3306/;     password=secret|sslMode=disable|user=root",
        "zrepl:secret@tcp(db.example.org:3307)/app;     jdbc:mariadb://db.example.org:3307/app; password=secret|sslMode=disable|user=zrepl",
        "zrepl@tcp(db)/app;                             jdbc:mariadb://db:3306/app;         sslMode=disable|user=zrepl",
        "zrepl:@tcp([::1]:3310)/app;                    jdbc:mariadb://[::1]:3310/app;      password=|sslMode=disable|user=zrepl",
        "zrepl:p@ss:w/rd@tcp(::1)/app;                  jdbc:mariadb://[::1]:3306/app;      password=p@ss:w/rd|sslMode=disable|user=zrepl",
        "/app;                                          jdbc:mariadb://127.0.0.1:3306/app;  sslMode=disable|user=",
        "u:p@/app;                                      jdbc:mariadb://127.0.0.1:3306/app;  password=p|sslMode=disable|user=u",
        "u:p@tcp/app?tls=true;                          jdbc:mariadb://127.0.0.1:3306/app;  password=p|sslMode=verify-full|user=u",
        "u:p@tcp6([fd00::5]:3306)/app?tls=skip-verify&charset=utf8mb4&parseTime=true;"
            + " jdbc:mariadb://[fd00::5]:3306/app; password=p|sslMode=trust|user=u",
        "u:p@tcp(h)/app?sql_mode='ANSI'&autocommit=1;   jdbc:mariadb://h:3306/app;          password=p|sessionVariables=sql_mode='ANSI',autocommit=1|sslMode=disable|user=u",
    })
    void translates(String dsn, String url, String props) {
        MysqlDsn d = MysqlDsn.parse(dsn.strip());
        assertEquals(url.strip(), d.jdbcUrl());
        assertEquals(props.strip(), flat(d.properties()));
    }

    @Test
    void timeoutParameterIsAGoDuration() {
        assertEquals(Duration.ofMillis(1500), MysqlDsn.parse("u@tcp(h)/d?timeout=1.5s").connectTimeout);
        assertEquals(Duration.ofSeconds(90), MysqlDsn.parse("u@tcp(h)/d?timeout=1m30s").connectTimeout);
        assertNull(MysqlDsn.parse("u@tcp(h)/d").connectTimeout);
    }

    @Test
    void describesWithoutPassword() {
        MysqlDsn d = MysqlDsn.parse("root:hunter2@tcp(db:3307)/app");
        assertEquals("db:3307/app", d.toString());
        assertEquals("[::1]:3306/", MysqlDsn.parse("root:hunter2@tcp([::1])/").toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
        "root:hunter2@tcp(127.0.0.1:3306);              has no '/' before the database name",
        "root:hunter2@tcp(127.0.0.1:3306/db;            must be closed by ')'",
        "root:hunter2@unix(/run/mysqld/mysqld.sock)/db; unix sockets are not supported",
        "root:hunter2@udp(h:1)/db;                      network 'udp' is not tcp",
        "root:hunter2@tcp(h:0)/db;                      is not a number from 1 to 65535",
        "root:hunter2@tcp(h:x)/db;                      is not a number from 1 to 65535",
        "root:hunter2@tcp(h)/db?tls=preferred;          tls=preferred",
        "root:hunter2@tcp(h)/db?tls=custom;             custom TLS configs",
        "root:hunter2@tcp(h)/db?allowCleartextPasswords=true; has no equivalent",
        "root:hunter2@tcp(h)/db?timeout=soon;           soon",
        "root:hunter2@tcp(h)/db?sql_mode=a,b;           simple value",
        "root:hunter2@tcp(h)/db?novalue;                has no '='",
        "root:hunter2@tcp(h)/d b;                       database name 'd b'",
        "root:hunter2@tcp(bad host)/db;                 is neither a host name",
    })
    void refusesWithAMessageAndWithoutThePassword(String dsn, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MysqlDsn.parse(dsn.strip()));
        assertTrue(e.getMessage().contains(message.strip()), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    private static String flat(Properties p) {
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "|").append(k).append('=').append(v));
        return sb.toString();
    }
}
