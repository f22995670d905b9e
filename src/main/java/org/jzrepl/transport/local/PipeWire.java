package org.jzrepl.transport.local;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jzrepl.transport.Wire;

/** One end of a local connection: reads one OS pipe, writes the other; closing runs {@code onClose} once. */
final class PipeWire implements Wire {
    private final Pipe.SourceChannel in;
    private final Pipe.SinkChannel out;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    PipeWire(Pipe.SourceChannel in, Pipe.SinkChannel out, Runnable onClose) {
        this.in = in;
        this.out = out;
        this.onClose = onClose;
    }

    @Override
    public ReadableByteChannel in() {
        return in;
    }

    @Override
    public WritableByteChannel out() {
        return out;
    }

    @Override
    public void closeWrite() throws IOException {
        out.close();
    }

    @Override
    public void close() throws IOException {
        try {
            in.close();
        } finally {
            try {
                out.close();
            } finally {
                if (closed.compareAndSet(false, true)) {
                    onClose.run();
                }
            }
        }
    }
}
