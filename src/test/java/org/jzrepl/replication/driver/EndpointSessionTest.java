package org.jzrepl.replication.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EndpointSessionTest {

    @Test
    void ofClosesItsConnectionOnceHoweverOftenItIsClosed() throws Exception {
        FakeSession endpoints = new FakeSession(new FakeWorld(), 1);
        AtomicInteger closes = new AtomicInteger();
        EndpointSession s = EndpointSession.of(endpoints.sender(), endpoints.receiver(), closes::incrementAndGet);

        s.close();
        s.close();

        assertEquals(1, closes.get());
        assertSame(endpoints.sender(), s.sender());
        assertSame(endpoints.receiver(), s.receiver());
    }
}
