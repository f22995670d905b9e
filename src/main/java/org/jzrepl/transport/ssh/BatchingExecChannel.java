package org.jzrepl.transport.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.channel.ChannelPipedOutputStream;
import org.apache.sshd.common.session.ConnectionService;

/**
 * An exec channel whose stdout is read through a {@link BatchingPipe} instead of MINA's piped
 * stream. MINA builds its own pipe in {@code doOpen} only when no output stream is set, and leaves
 * the window to the reader only when {@code invertedOut} is set, so both are set here first.
 */
final class BatchingExecChannel extends ChannelExec {

    private BatchingExecChannel(String command) {
        super(command, StandardCharsets.UTF_8, null, Map.of());
    }

    /** Creates the channel on {@code session}, as {@link ClientSession#createExecChannel(String)} does. */
    static ChannelExec create(ClientSession session, String command) throws IOException {
        BatchingExecChannel channel = new BatchingExecChannel(command);
        session.getService(ConnectionService.class).registerChannel(channel);
        return channel;
    }

    @Override
    protected void doOpen() throws IOException {
        BatchingPipe pipe = new BatchingPipe(getLocalWindow());
        out = new ChannelPipedOutputStream(pipe);
        invertedOut = pipe;
        super.doOpen();
    }
}
