package org.jzrepl.zfs;

import java.util.Optional;
import java.util.Set;

/**
 * The fields of a decoded resume token's nvlist, checked against what the kernel writes
 * ({@code get_receive_resume_token_impl} in OpenZFS {@code dsl_dataset.c}) and what libzfs reads
 * when it resumes ({@code zfs_send_resume_impl_cb_impl}):
 * <pre>
 * object, offset, bytes, toguid   uint64, required (toguid non-zero)
 * toname                          string, required: a valid pool/fs@snap name
 * fromguid                        uint64, non-zero, only for an incremental stream
 * embedok compressok largeblockok rawok   boolean, present when set
 * </pre>
 * Anything else is refused: unknown names (a newer zfs may give them a meaning jzrepl cannot
 * check), {@code savedok} (a {@code send --saved} token, never left by a receive), a boolean_value
 * of false (libzfs tests flags by presence, so it would still mean "set"), a fromguid of 0
 * (libzfs reads that as a full send). Pure; throws IllegalArgumentException.
 */
final class ResumeTokenFields {

    private static final Set<String> UINT64 = Set.of("object", "offset", "bytes", "toguid", "fromguid");
    private static final Set<String> FLAGS = Set.of("embedok", "compressok", "largeblockok", "rawok");

    private ResumeTokenFields() {
    }

    static ResumeToken of(String token, NvList nv) {
        if (nv.nvflag() != NvList.NV_UNIQUE_NAME) {
            throw new IllegalArgumentException("resume token nvlist has flags " + nv.nvflag() + ", not NV_UNIQUE_NAME");
        }
        nv.pairs().forEach(ResumeTokenFields::checkField);
        for (String required : new String[] {"object", "offset", "bytes", "toguid", "toname"}) {
            if (!nv.pairs().containsKey(required)) {
                throw new IllegalArgumentException("resume token lacks '" + required + "'");
            }
        }
        Guid toGuid = new Guid(uint64(nv, "toguid"));
        if (toGuid.value() == 0) {
            throw new IllegalArgumentException("resume token toguid is 0");
        }
        Optional<Guid> fromGuid = nv.get("fromguid").map(v -> new Guid(((NvList.Uint64) v).value()));
        if (fromGuid.isPresent() && fromGuid.get().value() == 0) {
            throw new IllegalArgumentException("resume token fromguid is 0, which zfs would read as a full send");
        }
        String toName = ((NvList.Str) nv.pairs().get("toname")).value();
        checkSnapshotName(toName);
        return new ResumeToken(token, toName, toGuid, fromGuid, flag(nv, "rawok"), flag(nv, "compressok"),
                flag(nv, "embedok"), flag(nv, "largeblockok"));
    }

    private static void checkField(String name, NvList.Value v) {
        boolean ok;
        if (UINT64.contains(name)) {
            ok = v instanceof NvList.Uint64;
        } else if (FLAGS.contains(name)) {
            if (v instanceof NvList.Bool b && !b.value()) {
                throw new IllegalArgumentException("resume token flag '" + name + "' is boolean_value false;"
                        + " zfs would read it as set");
            }
            ok = v instanceof NvList.Flag || v instanceof NvList.Bool;
        } else if (name.equals("toname")) {
            ok = v instanceof NvList.Str;
        } else if (name.equals("savedok")) {
            throw new IllegalArgumentException("resume token has 'savedok': it resumes a send of saved (partially"
                    + " received) data, which jzrepl never does");
        } else {
            throw new IllegalArgumentException("resume token has unknown field '" + name + "'");
        }
        if (!ok) {
            throw new IllegalArgumentException("resume token field '" + name + "' has the wrong type ("
                    + v.getClass().getSimpleName() + ")");
        }
    }

    /**
     * {@code pool/fs@snap}: a valid dataset name, one '@', a valid snapshot name, at most 255 bytes.
     * The message shows the name with anything but printable ASCII as '?' (it may come from a peer).
     */
    static void checkSnapshotName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("resume token has no toname");
        }
        int at = name.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("resume token toname '" + printable(name) + "' is not a snapshot (no '@')");
        }
        if (name.length() > DatasetPath.MAX_LENGTH) {
            throw new IllegalArgumentException("resume token toname is " + name.length() + " bytes long, more than "
                    + DatasetPath.MAX_LENGTH);
        }
        try {
            DatasetPath.parse(name.substring(0, at));
            VersionRef.checkName(name.substring(at + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(printable("resume token toname '" + name
                    + "' is not a valid snapshot name: " + e.getMessage()));
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 600 ? s.substring(0, 600) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static long uint64(NvList nv, String name) {
        return ((NvList.Uint64) nv.pairs().get(name)).value();
    }

    private static boolean flag(NvList nv, String name) {
        return nv.pairs().containsKey(name);
    }
}
