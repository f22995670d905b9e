package org.jzrepl.endpoint;

import java.io.IOException;
import java.io.InputStream;
import org.jzrepl.zfs.SendStream;
import org.jzrepl.zfs.ZfsException;

/**
 * The stdout of a running {@code zfs send} as the stream a send call returns. At its end it waits
 * for zfs and turns a failure into an IOException carrying zfs's stderr, so the RPC layer sends it
 * as the stream's error trailer instead of a stream that merely looks complete. Closing stops zfs.
 */
final class SendStreamInput extends InputStream {

    private final SendStream send;
    private final String what;
    private boolean finished;

    SendStreamInput(SendStream send, String what) {
        this.send = send;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = send.stream().read(b, off, len);
        if (n < 0 && !finished) {
            finished = true;
            try {
                send.finish();
            } catch (ZfsException e) {
                throw new IOException(what + " failed: " + e.getMessage(), e);
            }
        }
        return n;
    }

    @Override
    public void close() {
        send.close();
    }
}
