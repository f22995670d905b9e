package org.jzrepl.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.VersionType;

/**
 * Parses canned {@code zfs list -H -p -o name,guid,createtxg,creation -t filesystem,snapshot,bookmark}
 * text for the plan benchmark and tests. Not the product's parser (that belongs to the zfs adapter):
 * just strict enough to reject text it does not understand.
 */
public final class ZfsListText {

    private ZfsListText() {
    }

    /**
     * Groups the listing by filesystem, in listing order. Datasets outside {@code root} are
     * skipped; those below it are renamed relative to it (the receiver's view mapped back into
     * the sender's namespace). Without a root, names are kept.
     */
    public static Map<DatasetPath, List<FilesystemVersion>> parse(String text, Optional<DatasetPath> root) {
        Map<String, DatasetPath> pathCache = new HashMap<>();
        Map<DatasetPath, List<FilesystemVersion>> out = new LinkedHashMap<>();
        String rootPrefix = root.map(r -> r.name() + "/").orElse("");
        int lineNo = 0;
        int pos = 0;
        int[] tabs = new int[3];
        while (pos < text.length()) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) {
                eol = text.length();
            }
            lineNo++;
            int start = pos;
            pos = eol + 1;
            if (eol == start) {
                continue;
            }
            int n = 0;
            for (int i = start; i < eol; i++) {
                if (text.charAt(i) == '\t') {
                    if (n == tabs.length) {
                        n++;
                        break;
                    }
                    tabs[n++] = i;
                }
            }
            if (n != tabs.length) {
                throw new IllegalArgumentException("line " + lineNo + ": expected 4 tab-separated fields: "
                        + text.substring(start, eol));
            }
            int delim = indexOfDelimiter(text, start, tabs[0]);
            String fsName = text.substring(start, delim < 0 ? tabs[0] : delim);
            if (!fsName.startsWith(rootPrefix)) {
                continue;
            }
            String relative = fsName.substring(rootPrefix.length());
            DatasetPath fs = pathCache.computeIfAbsent(relative, DatasetPath::parse);
            List<FilesystemVersion> versions = out.computeIfAbsent(fs, k -> new ArrayList<>());
            if (delim < 0) {
                continue;
            }
            VersionType type = text.charAt(delim) == '@' ? VersionType.SNAPSHOT : VersionType.BOOKMARK;
            try {
                Guid guid = new Guid(Long.parseUnsignedLong(text, tabs[0] + 1, tabs[1], 10));
                long txg = Long.parseLong(text, tabs[1] + 1, tabs[2], 10);
                long creation = Long.parseLong(text, tabs[2] + 1, eol, 10);
                versions.add(new FilesystemVersion(type, text.substring(delim + 1, tabs[0]), guid, txg,
                        Instant.ofEpochSecond(creation)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + lineNo + ": " + e.getMessage() + ": "
                        + text.substring(start, eol), e);
            }
        }
        return out;
    }

    private static int indexOfDelimiter(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '@' || c == '#') {
                return i;
            }
        }
        return -1;
    }
}
