package org.jzrepl.zfs.cmd;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.jzrepl.zfs.SendStream;
import org.jzrepl.zfs.ZfsException;

/** A {@link SendStream} backed by a running {@code zfs send} process. */
final class ProcessSendStream implements SendStream {

    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final RunningCommand cmd;
    private final Duration exitTimeout;

    ProcessSendStream(RunningCommand cmd, Duration exitTimeout) {
        this.cmd = cmd;
        this.exitTimeout = exitTimeout;
    }

    @Override
    public InputStream stream() {
        return cmd.stdout();
    }

    @Override
    public void finish() throws ZfsException {
        cmd.await(exitTimeout);
    }

    @Override
    public void close() {
        if (cmd.isAlive()) {
            cmd.kill();
        }
        try {
            cmd.await(KILL_WAIT);
        } catch (ZfsException e) {
            // a send stopped by its reader fails; finish() reports errors to whoever wants them
        }
        try {
            cmd.stdout().close();
        } catch (IOException e) {
            // the pipe is gone with the process
        }
    }
}
