package org.jzrepl.zfs.cmd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outputs captured from real OpenZFS in the testbed VM by {@code src/test/resources/zfs/capture.sh}:
 * {@code CASE.out} (stdout), {@code CASE.err} (stderr), {@code exit-codes.txt}.
 */
final class Captured {

    /** The version the detailed parser tests pin (Debian bookworm's). */
    static final String VERSION = "2.1.11";
    /** Every captured version: bookworm's and bookworm-backports'. */
    static final List<String> VERSIONS = List.of("2.1.11", "2.3.2");

    private Captured() {
    }

    /** The captured file's text; "" for a stream the case left empty (not captured). */
    static String read(String file) {
        return read(VERSION, file);
    }

    static String read(String version, String file) {
        try (InputStream in = Captured.class.getResourceAsStream("/zfs/" + version + "/" + file)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Case name to exit code, in capture order. */
    static Map<String, Integer> exitCodes() {
        return exitCodes(VERSION);
    }

    static Map<String, Integer> exitCodes(String version) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String line : read(version, "exit-codes.txt").split("\n")) {
            String[] f = line.split(" ");
            m.put(f[0], Integer.parseInt(f[1]));
        }
        return m;
    }

    static String token(String kind) {
        return token(VERSION, kind);
    }

    static String token(String version, String kind) {
        return read(version, "token-" + kind + ".txt").strip();
    }
}
