package org.jzrepl.zfs.cmd;

import org.jzrepl.zfs.ResumeToken;

/** Parses {@code zfs send -n -v} output. */
final class SendDryRunParser {

    private SendDryRunParser() {
    }

    static long estimatedSize(String output) {
        throw new UnsupportedOperationException("TODO");
    }

    static ResumeToken resumeToken(String token, String output) {
        throw new UnsupportedOperationException("TODO");
    }
}
