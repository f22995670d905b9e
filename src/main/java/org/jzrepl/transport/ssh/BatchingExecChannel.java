package org.jzrepl.transport.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.ChannelPipedOutputStream;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * An exec channel whose stdout is read through a {@link BatchingPipe} instead of MINA's piped
 * stream. MINA builds its own pipe in {@code doOpen} only when no output stream is set, and leaves
 * the window to the reader only when {@code invertedOut} is set, so both are set here first.
 *
 * <p>{@link #abandon()} gives up on a channel that is still being dialed so that the server ends
 * its side too: MINA's immediate close only forgets the channel locally, and sshd would keep the
 * forced command's pipes open until the whole session closes.
 */
final class BatchingExecChannel extends ChannelExec {

    private volatile boolean abandoned;

    private BatchingExecChannel(String command) {
        super(command, StandardCharsets.UTF_8, null, Map.of());
    }

    /** Creates the channel on {@code session}, as {@link ClientSession#createExecChannel(String)} does. */
    static BatchingExecChannel create(ClientSession session, String command) throws IOException {
        BatchingExecChannel channel = new BatchingExecChannel(command);
        session.getService(ConnectionService.class).registerChannel(channel);
        return channel;
    }

    @Override
    protected void doOpen() throws IOException {
        if (abandoned) {
            // confirmed after the dial gave up: no exec request; MINA sees the cancelled open and closes
            return;
        }
        BatchingPipe pipe = new BatchingPipe(getLocalWindow());
        out = new ChannelPipedOutputStream(pipe);
        invertedOut = pipe;
        super.doOpen();
    }

    /**
     * Ends the channel on both sides now: SSH_MSG_CHANNEL_CLOSE goes to the server (sshd then closes
     * the forced command's pipes, so whoever holds them sees EOF), and local readers are woken. A
     * channel the server has not confirmed yet gets no exec request and is closed once it is.
     */
    void abandon() {
        abandoned = true;
        OpenFuture f = openFuture;
        if (f != null) {
            f.cancel();
            if (!f.isOpened()) {
                // not confirmed yet: MINA closes the channel (sending CLOSE) once the server confirms it
                return;
            }
        }
        if (getRecipient() >= 0 && !isClosing()) {
            // MINA's graceful close would send EOF, wait for the open future and the peer, and an
            // immediate close after it cuts that short before CLOSE goes out: send CLOSE directly.
            // Channel ids are never reused, so the server's answering CLOSE finds no channel and is ignored.
            try {
                Buffer close = getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_CLOSE, Integer.BYTES);
                close.putUInt(getRecipient());
                getSession().writePacket(close);
            } catch (IOException | RuntimeException e) {
                // the session is going away: the server ends the channel with it
            }
        }
        close(true);
    }
}
