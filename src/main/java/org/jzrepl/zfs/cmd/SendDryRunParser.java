package org.jzrepl.zfs.cmd;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.ResumeToken;

/**
 * Parses what {@code zfs send -n -v [-P]} prints on stdout: the {@code size} line of a parsable
 * dry run, and the {@code resume token contents} nvlist that {@code -t TOKEN} adds:
 * <pre>
 * resume token contents:
 * nvlist version: 0
 *         fromguid = 0xbd8f8c9656179209      (incremental only)
 *         toguid = 0x964402d9e785d0ff
 *         toname = pool/fs@b
 *         compressok = 1                      (and rawok, embedok, largeblockok when set)
 * incremental     pool/fs@a       pool/fs@b       953616
 * size    953616
 * </pre>
 * Pure; throws IllegalArgumentException when the expected lines are missing.
 */
final class SendDryRunParser {

    static final String TOKEN_HEADER = "resume token contents:";

    private SendDryRunParser() {
    }

    /** The byte count of the {@code size} line of a {@code -n -v -P} dry run. */
    static long estimatedSize(String output) {
        Long size = null;
        for (String line : output.split("\n")) {
            String[] f = line.split("\t");
            if (f.length == 2 && f[0].equals("size")) {
                size = parseSize(f[1].strip());
            }
        }
        if (size == null) {
            throw new IllegalArgumentException("no 'size' line in zfs send -n -v -P output: '" + output.strip() + "'");
        }
        return size;
    }

    private static long parseSize(String s) {
        long n = Long.parseLong(s);
        if (n < 0) {
            throw new IllegalArgumentException("negative size " + s);
        }
        return n;
    }

    /** True if the output holds decoded token contents (zfs prints them even when it then fails). */
    static boolean hasTokenContents(String output) {
        return output.contains(TOKEN_HEADER);
    }

    /** The fields of {@code token} as {@code zfs send -n -v -t token} decoded them. */
    static ResumeToken resumeToken(String token, String output) {
        int start = output.indexOf(TOKEN_HEADER);
        if (start < 0) {
            throw new IllegalArgumentException("no '" + TOKEN_HEADER + "' in zfs send -nvt output");
        }
        Map<String, String> fields = new HashMap<>();
        for (String line : output.substring(start + TOKEN_HEADER.length()).split("\n")) {
            if (!line.startsWith("\t")) {
                if (line.isEmpty() || line.startsWith("nvlist version")) {
                    continue;
                }
                break;              // the estimate lines follow the nvlist
            }
            int eq = line.indexOf(" = ");
            if (eq > 0) {
                fields.put(line.substring(0, eq).strip(), line.substring(eq + 3).strip());
            } else {
                fields.put(line.strip(), "1");     // a boolean without value is a set flag
            }
        }
        String toName = required(fields, "toname");
        Guid toGuid = hexGuid(required(fields, "toguid"));
        Optional<Guid> fromGuid = Optional.ofNullable(fields.get("fromguid")).map(SendDryRunParser::hexGuid);
        return new ResumeToken(token, toName, toGuid, fromGuid, flag(fields, "rawok"), flag(fields, "compressok"),
                flag(fields, "embedok"), flag(fields, "largeblockok"));
    }

    private static String required(Map<String, String> fields, String key) {
        String v = fields.get(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("resume token contents lack '" + key + "'");
        }
        return v;
    }

    private static Guid hexGuid(String s) {
        if (!s.startsWith("0x")) {
            throw new IllegalArgumentException("guid '" + s + "' is not 0x-hex");
        }
        return Guid.parseHex(s.substring(2));
    }

    private static boolean flag(Map<String, String> fields, String key) {
        String v = fields.get(key);
        return v != null && !v.equals("0");
    }
}
