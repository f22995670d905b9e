package org.jzrepl.transport.ssh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.jzrepl.transport.StreamChannels;
import org.jzrepl.transport.TransportException;
import org.jzrepl.transport.Wire;
import org.jzrepl.util.LogText;

/**
 * One exec channel running the remote forced command. EOF from the peer is told apart from a
 * lost connection: {@link #in()} returns -1 only after the server sent SSH_MSG_CHANNEL_EOF, and
 * throws {@link TransportException} (UNREACHABLE) if the channel went away without it.
 */
public final class SshWire implements Wire {
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final ChannelExec channel;
    private final String where;
    private final ReadableByteChannel in;
    private final WritableByteChannel out;
    private final Runnable onClose;
    private final StderrTail stderr;
    private final AtomicBoolean closed = new AtomicBoolean();

    SshWire(ChannelExec channel, String where, StderrTail stderr, Runnable onClose) {
        this.channel = channel;
        this.where = where;
        this.stderr = stderr;
        this.onClose = onClose;
        this.in = new EofChecking(StreamChannels.readable(channel.getInvertedOut()));
        this.out = StreamChannels.writable(channel.getInvertedIn());
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
        channel.getInvertedIn().close();
    }

    /** Closes the channel (politely, then forcibly after a few seconds); the SSH session stays for other wires. */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            channel.close(false).await(CLOSE_WAIT);
        } finally {
            if (!channel.isClosed()) {
                channel.close(true);
            }
            onClose.run();
        }
    }

    /** Waits up to {@code timeout} for the remote command's exit status. */
    public OptionalInt awaitExitStatus(Duration timeout) {
        channel.waitFor(EnumSet.of(ClientChannelEvent.EXIT_STATUS, ClientChannelEvent.CLOSED), timeout);
        Integer status = channel.getExitStatus();
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** The cipher the session of this wire negotiated (client to server), for tests and diagnostics. */
    String negotiatedCipher() {
        return channel.getSession().getNegotiatedKexParameter(org.apache.sshd.common.kex.KexProposalOption.C2SENC);
    }

    /** The last bytes the remote command wrote to stderr (JVM warnings, shell errors). */
    public String remoteStderr() {
        return stderr.text();
    }

    private final class EofChecking implements ReadableByteChannel {
        private final ReadableByteChannel delegate;

        EofChecking(ReadableByteChannel delegate) {
            this.delegate = delegate;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int n;
            try {
                n = delegate.read(dst);
            } catch (IOException e) {
                throw lost(e);
            }
            if (n < 0 && !channel.isEofSignalled()) {
                throw lost(null);
            }
            return n;
        }

        private IOException lost(IOException cause) {
            if (closed.get()) {
                return cause != null ? cause : new java.nio.channels.ClosedChannelException();
            }
            Set<ClientChannelEvent> state = channel.getChannelState();
            return new TransportException(TransportException.Kind.UNREACHABLE, "SSH connection to " + where
                    + " lost mid-stream (channel " + state + ")" + (cause == null ? "" : ": " + LogText.escape(cause.getMessage())), cause);
        }

        @Override
        public boolean isOpen() {
            return delegate.isOpen();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
