package org.jzrepl.zfs.cmd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Outputs captured from real OpenZFS in the testbed VM by {@code src/test/resources/zfs/capture.sh}:
 * {@code CASE.out} (stdout), {@code CASE.err} (stderr), {@code exit-codes.txt}.
 */
final class Captured {

    static final String VERSION = "2.1.11";

    private Captured() {
    }

    /** The captured file's text; "" for a stream the case left empty (not captured). */
    static String read(String file) {
        try (InputStream in = Captured.class.getResourceAsStream("/zfs/" + VERSION + "/" + file)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Case name to exit code, in capture order. */
    static Map<String, Integer> exitCodes() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String line : read("exit-codes.txt").split("\n")) {
            String[] f = line.split(" ");
            m.put(f[0], Integer.parseInt(f[1]));
        }
        return m;
    }

    static String token(String kind) {
        return read("token-" + kind + ".txt").strip();
    }
}
