package org.jzrepl.snapshot.hook;

import org.jzrepl.util.LogText;

/** The TCP port of a database hook's DSN, checked the same way for PostgreSQL and MySQL. */
final class DsnPort {
    private DsnPort() {
    }

    /** {@code s} as a port from 1 to 65535; IllegalArgumentException naming it (escaped) otherwise. */
    static int parse(String s) {
        try {
            int p = Integer.parseInt(s);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("port '" + LogText.escape(s, 40) + "' is not a number from 1 to 65535");
    }
}
