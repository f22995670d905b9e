package org.jzrepl.transport.stdinserver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * The stdinserver hand-over, all of it in one place.
 *
 * <pre>
 * ssh client ══ sshd ══ pipes 0,1 ══ forced command "jzrepl stdinserver IDENT"
 *                                      │ unix socket &lt;sockdir&gt;/IDENT
 *                                      v
 *                                    daemon (StdinserverListener)
 *
 * On the unix socket (forced command → daemon, then daemon → forced command):
 *   HANDOVER  32 bytes, NUL-padded, carrying fds 0 and 1 as SCM_RIGHTS
 *   ACCEPT    1 byte 'A'                       the daemon has the fds; the command drops its copies
 *   | REFUSE  1 byte 'R', reason, '\n'         the command writes an ERROR banner and exits 2
 *   STATUS    1 byte, 0..255, when the daemon closes the wire: the command's exit status
 *             (EOF instead of a status: exit 1)
 *
 * On the handed-over pipes, i.e. end to end with the dialing jzrepl:
 *   daemon → client  HELO  32 bytes, NUL-padded
 *   client → daemon  BEGIN 32 bytes, NUL-padded
 *   then the RPC protocol.
 * If the forced command cannot reach the daemon it writes instead, and exits 2:
 *   ERROR 32 bytes, NUL-padded, then "IDENTITY\tREASON\n" (at most 4 KiB)
 * </pre>
 *
 * Interop: the banners are jzrepl's own; zrepl's 31-byte SSHCON banners are deliberately
 * different so that a zrepl peer is told apart instead of misread.
 */
public final class StdinserverProtocol {
    /** Length of every banner and of the HANDOVER message. */
    public static final int BANNER_LENGTH = 32;
    public static final byte[] HELO = banner("JZREPL_STDINSERVER_HELO v1");
    public static final byte[] BEGIN = banner("JZREPL_STDINSERVER_BEGIN v1");
    public static final byte[] ERROR = banner("JZREPL_STDINSERVER_ERROR v1");
    public static final byte[] HANDOVER = banner("JZREPL_STDINSERVER_FDS v1");

    public static final byte ACCEPT = 'A';
    public static final byte REFUSE = 'R';
    /** Longest ERROR detail line or REFUSE reason, newline included. */
    public static final int MAX_REASON_BYTES = 4096;

    /** Exit status of the forced command when the daemon vanished without a status byte. */
    public static final int EXIT_DAEMON_VANISHED = 1;
    /** Exit status of the forced command after it wrote an ERROR banner. */
    public static final int EXIT_NOT_REACHABLE = 2;

    /** How long the forced command waits for ACCEPT/REFUSE. */
    public static final Duration HANDOVER_TIMEOUT = Duration.ofSeconds(10);
    /** How long the daemon waits for the client's BEGIN after sending HELO. */
    public static final Duration BEGIN_TIMEOUT = Duration.ofSeconds(30);
    /** Room for the SCM_RIGHTS control message of two fds, with margin. */
    public static final int ANCILLARY_BUFFER_SIZE = 256;
    /** Linux sun_path limit including the terminating NUL. */
    public static final int MAX_SOCKET_PATH_BYTES = 107;

    /** Documented default of {@code global.serve.stdinserver.sockdir}. */
    public static final Path DEFAULT_SOCKDIR = Path.of("/var/run/jzrepl/stdinserver");

    private StdinserverProtocol() {
    }

    static byte[] banner(String text) {
        byte[] raw = text.getBytes(StandardCharsets.US_ASCII);
        if (raw.length >= BANNER_LENGTH) {
            throw new IllegalArgumentException("banner too long: " + text);
        }
        return Arrays.copyOf(raw, BANNER_LENGTH);
    }

    /** Printable rendering of bytes received instead of a banner, for error messages. */
    public static String describe(byte[] bytes, int length) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < length && i < 64; i++) {
            int c = bytes[i] & 0xff;
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\\' || c == '"') {
                sb.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.append(length > 64 ? "\"..." : "\"").toString();
    }

    /** Makes a reason safe for a one-line field: no tabs or newlines, bounded. */
    static String oneLine(String reason) {
        String s = reason == null ? "unknown error" : reason.replaceAll("[\\t\\r\\n]+", " ").strip();
        return s.length() > 1000 ? s.substring(0, 1000) + "..." : s;
    }
}
