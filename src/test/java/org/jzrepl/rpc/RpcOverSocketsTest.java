package org.jzrepl.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.rpc.frame.ProtocolException;
import org.jzrepl.testing.runtime.Runners;
import org.jzrepl.transport.Wire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same RPC over real sockets: AF_UNIX and TCP loopback, through channels, a Wire and streams. */
@Timeout(30)
class RpcOverSocketsTest {

    @Test
    void unixSocketChannels(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("rpc.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            exercise(server, UnixDomainSocketAddress.of(path), Mode.CHANNELS);
        }
        Files.deleteIfExists(path);
    }

    @Test
    void tcpLoopbackThroughAWire() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            exercise(server, server.getLocalAddress(), Mode.WIRE);
        }
    }

    @Test
    void tcpLoopbackThroughStreams() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            exercise(server, server.getLocalAddress(), Mode.STREAMS);
        }
    }

    @Test
    void closingTheServingSideResetsTheClient(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("rpc.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            CompletableFuture<RpcConnection> served = new CompletableFuture<>();
            CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
                try {
                    SocketChannel ch = server.accept();
                    RpcConnection c = RpcConnection.open(ch, ch, ch, RpcSettings.defaults(Runners.shared()));
                    served.complete(c);
                    RpcServer.serve(c, TestEndpoint.class, new TestEndpointImpl());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(path));
            RpcConnection client = RpcConnection.open(ch, ch, ch, RpcSettings.defaults(Runners.shared()));
            TestEndpoint api = RpcClient.proxy(TestEndpoint.class, client);
            api.touch();
            served.get(5, TimeUnit.SECONDS).close();
            ProtocolException e = assertThrows(ProtocolException.class, api::touch);
            // the RST is seen if the call's write still fits in the socket, else the write fails
            assertTrue(e.code() == ProtocolException.Code.PEER_RESET || e.code() == ProtocolException.Code.IO_ERROR,
                    e.getMessage());
            assertTrue(e.code().transientFailure());
            ExecutionException ee = assertThrows(ExecutionException.class, () -> serving.get(5, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, ee.getCause());
        }
    }

    private enum Mode { CHANNELS, WIRE, STREAMS }

    private static void exercise(ServerSocketChannel server, SocketAddress address, Mode mode) throws Exception {
        CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
            try (SocketChannel ch = server.accept()) {
                RpcServer.serve(open(ch, mode), TestEndpoint.class, new TestEndpointImpl());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        SocketChannel ch = SocketChannel.open(address);
        RpcConnection conn = open(ch, mode);
        TestEndpoint api = RpcClient.proxy(TestEndpoint.class, conn);
        assertEquals(new TestEndpoint.Echo("over " + mode, 5 + mode.name().length()), api.ping(new TestEndpoint.Ping("over " + mode)));
        try (InputStream in = api.download(new TestEndpoint.Size(20_000_000, -1))) {
            RpcCallTest.assertPattern(in, 20_000_000);
        }
        assertEquals(10_000_000, api.upload(new TestEndpoint.Info("u", 0), TestEndpointImpl.pattern(10_000_000, -1)).bytes());
        conn.close();
        assertNull(serving.get(10, TimeUnit.SECONDS));
    }

    private static RpcConnection open(SocketChannel ch, Mode mode) throws IOException {
        return switch (mode) {
            case CHANNELS -> RpcConnection.open(ch, ch, ch, RpcSettings.defaults(Runners.shared()));
            case WIRE -> RpcConnection.open(new Wire() {
                @Override
                public SocketChannel in() {
                    return ch;
                }

                @Override
                public SocketChannel out() {
                    return ch;
                }

                @Override
                public void closeWrite() throws IOException {
                    ch.shutdownOutput();
                }

                @Override
                public void close() throws IOException {
                    ch.close();
                }
            }, RpcSettings.defaults(Runners.shared()));
            case STREAMS -> RpcConnection.open(ch.socket().getInputStream(), ch.socket().getOutputStream(), ch,
                    RpcSettings.defaults(Runners.shared()));
        };
    }
}
