package org.jzrepl.zfs;

import java.io.InputStream;

/**
 * A running {@code zfs send}. Read {@link #stream()} to its end, then call {@link #finish()}: it
 * waits for the process and throws the typed error when zfs failed (the stream may end early or
 * look complete; only {@code finish} tells). {@link #close()} kills a send still running and is
 * safe after {@code finish}. One reader thread; close may come from any thread.
 */
public interface SendStream extends AutoCloseable {

    /** The send stream (the process's stdout). */
    InputStream stream();

    /** Waits for zfs to exit; throws the mapped error when it failed. Idempotent. */
    void finish() throws ZfsException;

    /** Stops the process if it still runs and releases its pipes. */
    @Override
    void close();
}
