package org.jzrepl.snapshot.hook;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jzrepl.util.LogText;

/**
 * Reads a PostgreSQL DSN the way zrepl's driver (lib/pq) does, into its {@code key=value}
 * options: a URL {@code postgres://user:pass@host:port/db?sslmode=disable} (or
 * {@code postgresql://}), or a string {@code host=127.0.0.1 port=5432 user=x dbname=y} whose
 * values may be single-quoted ({@code password='a b'}) and backslash-escaped. Later keys win.
 * Errors never quote the DSN (it may hold a password).
 */
final class PqDsnParser {

    private PqDsnParser() {
    }

    static Map<String, String> parse(String dsn) {
        String s = dsn.strip();
        if (s.startsWith("postgres://") || s.startsWith("postgresql://")) {
            return parseUrl(s);
        }
        if (s.contains("://")) {
            throw new IllegalArgumentException("only postgres:// and postgresql:// URLs are understood");
        }
        return parseKeyValues(s);
    }

    /** lib/pq's {@code key=value} form. */
    static Map<String, String> parseKeyValues(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return out;
            }
            int k = i;
            while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            String key = s.substring(k, i);
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n || s.charAt(i) != '=' || key.isEmpty()) {
                // the "key" may be half of a badly quoted password: say where, not what
                throw new IllegalArgumentException("missing '=' after the word at character " + (k + 1)
                        + " of the dsn (quote values with spaces: key='a b')");
            }
            i++;
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            boolean quoted = i < n && s.charAt(i) == '\'';
            if (quoted) {
                i++;
            }
            boolean closed = !quoted;
            while (i < n) {
                char c = s.charAt(i);
                if (quoted ? c == '\'' : Character.isWhitespace(c)) {
                    closed = true;
                    i++;
                    break;
                }
                if (c == '\\') {
                    if (++i >= n) {
                        throw new IllegalArgumentException("the value of '" + safeKey(key) + "' ends in a lone backslash");
                    }
                    c = s.charAt(i);
                }
                value.append(c);
                i++;
            }
            if (!closed) {
                throw new IllegalArgumentException("unterminated quoted value of '" + safeKey(key) + "' in the dsn");
            }
            out.put(key, value.toString());
        }
    }

    /** lib/pq's URL form: user info, one host (IPv6 in brackets), port, path = dbname, query = more options. */
    static Map<String, String> parseUrl(String s) {
        String rest = s.substring(s.indexOf("://") + 3);
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String path = slash >= 0 ? rest.substring(slash + 1) : "";
        Map<String, String> out = new LinkedHashMap<>();
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            out.put("user", decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo, false));
            if (colon >= 0) {
                out.put("password", decode(userInfo.substring(colon + 1), false));
            }
        }
        String host = authority;
        String port = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '[' in the host of the dsn URL");
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (after.startsWith(":")) {
                port = after.substring(1);
            } else if (!after.isEmpty()) {
                throw new IllegalArgumentException("unexpected text after the IPv6 host of the dsn URL");
            }
        } else if (authority.contains(",")) {
            throw new IllegalArgumentException("the dsn URL names several hosts; lib/pq (and jzrepl) connect to one");
        } else if (authority.lastIndexOf(':') >= 0) {
            int c = authority.lastIndexOf(':');
            host = authority.substring(0, c);
            port = authority.substring(c + 1);
        }
        host = decode(host, false);
        if (!host.isEmpty()) {
            out.put("host", host);
        }
        if (port != null && !port.isEmpty()) {
            out.put("port", port);
        }
        String db = decode(path, false);
        if (!db.isEmpty()) {
            out.put("dbname", db);
        }
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq >= 0 ? pair.substring(0, eq) : pair, true);
                out.put(key, decode(eq >= 0 ? pair.substring(eq + 1) : "", true));
            }
        }
        return out;
    }

    /** Percent-decoding as Go's url package: {@code +} is a space in a query only. */
    static String decode(String s, boolean query) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                        || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw new IllegalArgumentException("invalid %-escape in the dsn URL");
                }
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else if (c == '+' && query) {
                out.write(' ');
            } else {
                int cp = s.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i += Character.charCount(cp) - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A key as it may appear in a message: a key name is no secret, but it is the user's text. */
    private static String safeKey(String key) {
        return LogText.escape(key, 40);
    }
}
