package org.jzrepl.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jzrepl.testing.runtime.Runners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server streaming from a producer that stops producing (a stopped {@code zfs send}) while its
 * client goes away: the serving thread is blocked in the producer's read and never sees the
 * client's RST, but the failing heartbeat ends the connection, and ending it closes the producer,
 * which kills the process behind it.
 */
@Timeout(30)
class StalledProducerTest {

    private final RpcSettings fast = RpcSettings.defaults(Runners.shared())
            .withLiveness(Duration.ofMillis(100), Duration.ofSeconds(20));
    private final Peers peers = new Peers();

    StalledProducerTest() throws IOException {
    }

    @AfterEach
    void stop() throws IOException {
        peers.close();
    }

    /** 1000 bytes, then blocks until closed. */
    private static final class StoppedProducer extends InputStream {
        final CountDownLatch closed = new CountDownLatch(1);
        private int sent;

        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (sent < 1000) {
                int n = Math.min(len, 1000 - sent);
                sent += n;
                return n;
            }
            try {
                closed.await();
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
            throw new IOException("killed");
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @Test
    void aClientGoneMidStreamClosesTheBlockedProducer() throws Exception {
        StoppedProducer producer = new StoppedProducer();
        TestEndpointImpl base = new TestEndpointImpl();
        TestEndpoint impl = new TestEndpoint() {
            @Override
            public Echo ping(Ping ping) throws IOException {
                return base.ping(ping);
            }

            @Override
            public void touch() {
            }

            @Override
            public InputStream download(Size size) throws IOException {
                return base.download(size);
            }

            @Override
            public Streamed<Info> send(Size size) {
                return new Streamed<>(new Info("stopped", 1000), producer);
            }

            @Override
            public Summary upload(Info info, InputStream data) throws IOException {
                return base.upload(info, data);
            }

            @Override
            public long count(InputStream data) throws IOException {
                return base.count(data);
            }

            @Override
            public void fail(Failure failure) throws IOException {
                base.fail(failure);
            }

            @Override
            public void sleep(long millis) throws IOException {
                base.sleep(millis);
            }
        };
        var server = peers.serve(fast, impl);
        RpcConnection c = peers.client(fast);
        TestEndpoint client = RpcClient.proxy(TestEndpoint.class, c);
        Streamed<TestEndpoint.Info> s = client.send(new TestEndpoint.Size(0, -1));
        assertEquals("stopped", s.value().name());

        c.abort("stall watchdog");

        assertTrue(producer.closed.await(10, TimeUnit.SECONDS), "the server closed its stalled producer");
        assertTrue(server.isDone() || waitDone(server), "the serving thread ended");
    }

    private static boolean waitDone(java.util.concurrent.Future<Void> f) throws InterruptedException {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return f.isDone();
        }
        return true;
    }
}
