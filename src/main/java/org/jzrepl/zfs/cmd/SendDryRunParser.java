package org.jzrepl.zfs.cmd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jzrepl.util.LogText;
import org.jzrepl.zfs.SendDryRun;

/**
 * Parses what {@code zfs send -n -v -P} prints on stdout: the line naming what zfs resolved and
 * the {@code size} line. With {@code -t TOKEN} the token's contents come first; they are never
 * read here (resume tokens are decoded by {@link org.jzrepl.zfs.ResumeTokenDecoder}):
 * <pre>
 * resume token contents:                      (-t only, ignored)
 * nvlist version: 0
 *         toname = pool/fs@b
 * incremental     pool/fs@a       pool/fs@b       953616     (or: full   pool/fs@b   953616)
 * size    953616
 * </pre>
 * Pure; throws IllegalArgumentException when the expected lines are missing or repeated.
 */
final class SendDryRunParser {

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
            throw new IllegalArgumentException("no 'size' line in zfs send -n -v -P output: '" + LogText.escape(output.strip(), 500) + "'");
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

    /**
     * The resolved line and the size of a {@code -n -v -P} dry run. With {@code -t TOKEN} zfs
     * first prints the token's contents, strings raw: a crafted string could add lines, so the
     * output must hold exactly one {@code full}/{@code incremental} line and one {@code size} line
     * (tokens are decoded and refused before this runs; this is a second wall).
     */
    static SendDryRun dryRun(String output) {
        List<String[]> resolved = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f[0].equals("full") || f[0].equals("incremental")) {
                resolved.add(f);
            } else if (f[0].equals("size") && f.length == 2) {
                sizes.add(parseSize(f[1].strip()));
            }
        }
        if (resolved.size() != 1 || sizes.size() != 1) {
            throw new IllegalArgumentException("expected one full/incremental line and one size line in zfs send"
                    + " -n -v -P output, found " + resolved.size() + " and " + sizes.size());
        }
        String[] f = resolved.get(0);
        boolean full = f[0].equals("full");
        if (f.length != (full ? 3 : 4)) {
            throw new IllegalArgumentException("zfs send -n -v -P line '" + LogText.escape(f[0], 200) + "' has " + f.length + " fields");
        }
        Optional<String> from = full ? Optional.empty() : Optional.of(name(f[1]));
        return new SendDryRun(from, name(full ? f[1] : f[2]), sizes.get(0));
    }

    private static String name(String s) {
        if (s.isEmpty() || !s.chars().allMatch(c -> c > 0x20 && c < 0x7f || c == ' ')) {
            throw new IllegalArgumentException("zfs send -n -v -P names a version with unexpected characters");
        }
        return s;
    }
}
