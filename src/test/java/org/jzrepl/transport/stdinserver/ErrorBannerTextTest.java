package org.jzrepl.transport.stdinserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.jzrepl.transport.TransportException;

/** The forced command's ERROR banner is remote text: the dialing side escapes it where it decodes it. */
class ErrorBannerTextTest {

    @Test
    void identityAndReasonOfAnErrorBannerAreEscaped() {
        byte[] detail = "id\u001b]0;x\u0007\tdown\r2026-01-01 INFO forged line \u001b[31m\u2028end\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(StdinserverProtocol.ERROR);
        in.writeBytes(detail);
        TransportException e = assertThrows(TransportException.class, () -> StdinserverHandshake.clientSide(
                Channels.newChannel(new ByteArrayInputStream(in.toByteArray())),
                Channels.newChannel(new ByteArrayOutputStream()), "host:22"));
        assertEquals(TransportException.Kind.DAEMON_NOT_REACHABLE, e.kind());
        assertEquals("remote jzrepl daemon not reachable for identity id\\x1b]0;x\\x07 (host:22): "
                + "down\\r2026-01-01 INFO forged line \\x1b[31m\\u2028end", e.getMessage());
    }
}
