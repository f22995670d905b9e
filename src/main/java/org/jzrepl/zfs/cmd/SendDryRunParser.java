package org.jzrepl.zfs.cmd;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.ResumeToken;

/**
 * Parses {@code zfs send -n -v} output: the {@code size} line of {@code -P} (estimates) and the
 * {@code resume token contents} nvlist of {@code -t TOKEN} (decoding). Throws
 * IllegalArgumentException naming what is missing; the caller keeps the raw output.
 */
final class SendDryRunParser {

    private SendDryRunParser() {
    }

    /** The bytes of the {@code size\tN} line ({@code -P} output), the last one if several. */
    static long estimatedSize(String output) {
        Long size = null;
        for (String line : output.split("\n")) {
            String[] f = line.strip().split("\t");
            if (f.length == 2 && f[0].equals("size")) {
                try {
                    size = Long.parseLong(f[1].strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("size line '" + line + "' does not hold a number");
                }
            }
        }
        if (size == null || size < 0) {
            throw new IllegalArgumentException("no 'size' line in zfs send -n -v -P output");
        }
        return size;
    }

    /**
     * The fields of the {@code resume token contents} nvlist: {@code toname}, {@code toguid}
     * (required), {@code fromguid}, {@code rawok}, {@code compressok}, {@code embedok},
     * {@code largeblockok} (optional).
     */
    static ResumeToken resumeToken(String token, String output) {
        Map<String, String> nv = new HashMap<>();
        boolean inContents = false;
        for (String line : output.split("\n")) {
            if (line.startsWith("resume token contents")) {
                inContents = true;
                continue;
            }
            int eq = line.indexOf(" = ");
            if (inContents && eq > 0 && (line.startsWith("\t") || line.startsWith(" "))) {
                nv.putIfAbsent(line.substring(0, eq).strip(), line.substring(eq + 3).strip());
            }
        }
        String toName = nv.get("toname");
        String toGuid = nv.get("toguid");
        if (toName == null || toGuid == null) {
            throw new IllegalArgumentException("no toname/toguid in the resume token contents");
        }
        Optional<Guid> fromGuid = Optional.ofNullable(nv.get("fromguid")).map(SendDryRunParser::hexGuid);
        return new ResumeToken(token, toName, hexGuid(toGuid), fromGuid, flag(nv, "rawok"), flag(nv, "compressok"),
                flag(nv, "embedok"), flag(nv, "largeblockok"));
    }

    private static Guid hexGuid(String v) {
        if (!v.startsWith("0x")) {
            throw new IllegalArgumentException("guid '" + v + "' is not 0x-prefixed hex");
        }
        return Guid.parseHex(v.substring(2));
    }

    /** nvlist booleans print as {@code name = 1} or as a bare {@code name} (boolean_value or boolean). */
    private static boolean flag(Map<String, String> nv, String name) {
        String v = nv.get(name);
        return v != null && !v.equals("0") && !v.equals("B_FALSE");
    }
}
