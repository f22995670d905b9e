package org.jzrepl.zfs.cmd;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import org.jzrepl.zfs.ZfsException;

/**
 * Feeds a stream into a started {@code zfs recv} and decides which failure to report: when the
 * source fails, zfs sees a truncated stream (with {@code -s} it keeps resumable state) and the
 * source's exception is thrown with the zfs error suppressed; when zfs fails, its typed error.
 */
final class ReceivePump {

    private static final int BUFFER = 128 * 1024;

    private ReceivePump() {
    }

    static void pump(RunningCommand cmd, List<String> argv, InputStream source, Duration exitTimeout)
            throws IOException {
        IOException readFailure = null;
        boolean zfsStoppedReading = false;
        byte[] buf = new byte[BUFFER];
        try (OutputStream in = cmd.stdin()) {
            while (true) {
                int n;
                try {
                    n = source.read(buf);
                } catch (IOException e) {
                    readFailure = e;        // closing stdin now leaves zfs a truncated stream
                    break;
                }
                if (n < 0) {
                    break;
                }
                in.write(buf, 0, n);
            }
        } catch (IOException writeFailure) {
            zfsStoppedReading = true;       // zfs exited early; its stderr says why
        }
        try {
            cmd.await(exitTimeout);
        } catch (ZfsException e) {
            if (readFailure != null) {
                readFailure.addSuppressed(e);
                throw readFailure;
            }
            throw e;
        }
        if (readFailure != null) {
            throw readFailure;
        }
        if (zfsStoppedReading) {
            throw new ZfsException(argv, 0, "zfs recv exited before the end of the stream");
        }
    }
}
