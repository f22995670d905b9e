package org.jzrepl.replication.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.ResumeToken;
import org.jzrepl.zfs.VersionType;

/** Compact notation for planner tables: {@code "@s1/1/10 #b2/2/20"} = name/guid/createtxg. */
final class Fixtures {

    static final DatasetPath FS = DatasetPath.parse("tank/data");

    private Fixtures() {
    }

    static List<FilesystemVersion> versions(String spec) {
        List<FilesystemVersion> out = new ArrayList<>();
        for (String item : spec.trim().split("\\s+")) {
            if (item.isEmpty()) {
                continue;
            }
            String[] p = item.substring(1).split("/");
            VersionType type = item.charAt(0) == '@' ? VersionType.SNAPSHOT : VersionType.BOOKMARK;
            long txg = Long.parseLong(p[2]);
            out.add(new FilesystemVersion(type, p[0], new Guid(Long.parseLong(p[1])), txg,
                    Instant.ofEpochSecond(1_700_000_000L + txg)));
        }
        return out;
    }

    static SenderFilesystem sender(String spec) {
        return new SenderFilesystem(FS, versions(spec));
    }

    static Optional<ReceiverFilesystem> receiver(String spec) {
        return Optional.of(new ReceiverFilesystem(FS, versions(spec), Optional.empty(), false));
    }

    static Optional<ReceiverFilesystem> receiverWithToken(String spec, ResumeToken token) {
        return Optional.of(new ReceiverFilesystem(FS, versions(spec), Optional.of(token), false));
    }

    static Optional<ReceiverFilesystem> placeholder() {
        return Optional.of(new ReceiverFilesystem(FS, List.of(), Optional.empty(), true));
    }

    /** A decoded token as {@code ResumeTokenDecoder} would report it; {@code from} 0 = full send. */
    static ResumeToken token(String toName, long toGuid, long fromGuid) {
        return new ResumeToken("1-e604ea4bf-e0-789c63a2a8c0c8fa0a7b5d4c", toName, new Guid(toGuid),
                fromGuid == 0 ? Optional.empty() : Optional.of(new Guid(fromGuid)), false, true, true, true);
    }

    /** Steps without the filesystem: {@code "full @s1"}, {@code "@s1 -> @s2 (resume)"}. */
    static List<String> stepsText(Outcome outcome) {
        if (!(outcome instanceof Outcome.Replicate r)) {
            throw new AssertionError("expected steps, got " + (outcome instanceof Conflict c ? c.message() : outcome));
        }
        return r.steps().stream().map(s -> s.describe().substring(s.fs().name().length() + 2)).toList();
    }
}
