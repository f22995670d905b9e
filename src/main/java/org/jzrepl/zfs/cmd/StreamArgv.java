package org.jzrepl.zfs.cmd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jzrepl.zfs.RecvArgs;
import org.jzrepl.zfs.SendArgs;

/** Builds the argv of {@code zfs send} (real and dry run) and {@code zfs recv}. Pure. */
final class StreamArgv {

    private StreamArgv() {
    }

    /**
     * {@code send [FLAGS] [-i FROM] -- FS@TO}, or {@code send -t TOKEN}: a resumed send takes its
     * flags from the token and zfs rejects any others.
     */
    static List<String> send(SendArgs a) {
        return send(a, List.of());
    }

    /** The dry run {@code send -n -v -P ...} whose output names the estimated size. */
    static List<String> sendDryRun(SendArgs a) {
        return send(a, List.of("-n", "-v", "-P"));
    }

    private static List<String> send(SendArgs a, List<String> dryRun) {
        List<String> argv = new ArrayList<>();
        argv.add("send");
        argv.addAll(dryRun);
        if (a.isResume()) {
            argv.add("-t");
            argv.add(a.resumeToken().orElseThrow());
            return argv;
        }
        argv.addAll(a.flags().options());
        a.from().ifPresent(f -> {
            argv.add("-i");
            argv.add(f.fullName(a.filesystem()));
        });
        argv.add(Argv.END_OF_OPTIONS);
        argv.add(a.toName());
        return argv;
    }

    /** {@code recv [-s] [-F] [-u] [-x P]... [-o P=V]... -- TARGET}. */
    static List<String> recv(RecvArgs a) {
        List<String> argv = new ArrayList<>();
        argv.add("recv");
        if (a.resumable()) {
            argv.add("-s");
        }
        if (a.force()) {
            argv.add("-F");
        }
        if (a.noMount()) {
            argv.add("-u");
        }
        for (String p : a.exclude()) {
            argv.add("-x");
            argv.add(p);
        }
        for (Map.Entry<String, String> e : a.sortedOverride().entrySet()) {
            argv.add("-o");
            argv.add(e.getKey() + "=" + e.getValue());
        }
        argv.add(Argv.END_OF_OPTIONS);
        argv.add(a.target().name());
        return argv;
    }
}
