package org.jzrepl.transport.local;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import org.jzrepl.transport.Wire;

/** One end of a local connection: reads one OS pipe, writes the other. */
final class PipeWire implements Wire {
    private final Pipe.SourceChannel in;
    private final Pipe.SinkChannel out;

    PipeWire(Pipe.SourceChannel in, Pipe.SinkChannel out) {
        this.in = in;
        this.out = out;
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
            out.close();
        }
    }
}
