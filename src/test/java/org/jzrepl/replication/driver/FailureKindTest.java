package org.jzrepl.replication.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.SocketException;
import java.util.List;
import org.jzrepl.endpoint.EndpointException;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.rpc.message.RpcRemoteException;
import org.jzrepl.rpc.stream.StreamException;
import org.jzrepl.transport.TransportException;
import org.jzrepl.zfs.ZfsException;
import org.junit.jupiter.api.Test;

class FailureKindTest {

    private static ProtocolException protocol(ProtocolException.Code code) {
        return new ProtocolException(code, "x");
    }

    @Test
    void callAndStreamFailuresConcernTheFilesystem() {
        assertEquals(FailureKind.FILESYSTEM, FailureKind.of(new EndpointException(EndpointException.ZFS_FAILED, "x")));
        assertEquals(FailureKind.FILESYSTEM, FailureKind.of(new RpcRemoteException(RpcRemoteException.INTERNAL, "x")));
        assertEquals(FailureKind.FILESYSTEM, FailureKind.of(new StreamException("zfs send died")));
        assertEquals(FailureKind.FILESYSTEM, FailureKind.of(new ZfsException(List.of("zfs", "recv"), 1, "cannot")));
        assertEquals(FailureKind.FILESYSTEM, FailureKind.of(new IllegalArgumentException("bad version")));
    }

    @Test
    void transientConnectionFailuresAreConnectivity() {
        for (ProtocolException.Code c : ProtocolException.Code.values()) {
            assertEquals(c.transientFailure() ? FailureKind.CONNECTIVITY : FailureKind.FATAL,
                    FailureKind.of(protocol(c)), c.name());
        }
        assertEquals(FailureKind.CONNECTIVITY, FailureKind.of(new SocketException("Connection reset")));
        assertEquals(FailureKind.CONNECTIVITY, FailureKind.of(new IOException("Broken pipe")));
        assertEquals(FailureKind.CONNECTIVITY, FailureKind.of(
                new TransportException(TransportException.Kind.UNREACHABLE, "no route to host")));
        assertEquals(FailureKind.FATAL, FailureKind.of(
                new TransportException(TransportException.Kind.HOST_KEY_REJECTED, "host key changed")));
    }

    @Test
    void aConnectionFailureInsideALocalZfsErrorWins() {
        ZfsException recv = new ZfsException(List.of("zfs", "recv"), 1, "cannot receive: incomplete stream");
        IOException read = protocol(ProtocolException.Code.PEER_EOF);
        read.addSuppressed(recv);
        assertEquals(FailureKind.CONNECTIVITY, FailureKind.of(read));
        ZfsException wrapping = new ZfsException(List.of("zfs", "recv"), 1, "incomplete stream",
                protocol(ProtocolException.Code.IDLE_TIMEOUT));
        assertEquals(FailureKind.CONNECTIVITY, FailureKind.of(wrapping));
        EndpointException suppressing = new EndpointException(EndpointException.ZFS_FAILED, "recv failed");
        suppressing.addSuppressed(protocol(ProtocolException.Code.VERSION_MISMATCH));
        assertEquals(FailureKind.FATAL, FailureKind.of(suppressing));
    }

    @Test
    void aCyclicCauseChainEnds() {
        IOException a = new IOException("a");
        IOException b = new IOException("b", a);
        a.addSuppressed(b);
        assertEquals(FailureKind.CONNECTIVITY, FailureKind.of(a));
    }
}
