package org.jzrepl.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jzrepl.config.ConnectConfig;
import org.jzrepl.config.GlobalConfig;
import org.jzrepl.config.ServeConfig;
import org.jzrepl.transport.local.LocalSwitchboard;

class TransportsTest {
    private final LocalSwitchboard board = new LocalSwitchboard();

    @Test
    void localConnectAndServeConfigsMeetOnTheSwitchboard() throws Exception {
        try (AuthenticatedListener l = Transports.listener(new ServeConfig.Local("pool2"), GlobalConfig.DEFAULT, board)) {
            Connecter c = Transports.connecter(new ConnectConfig.Local("pool2", "laptop", Duration.ofSeconds(2)), board);
            Thread dialer = new Thread(() -> {
                try (Wire w = c.connect()) {
                    w.out().write(ByteBuffer.wrap(new byte[] {42}));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            dialer.start();
            AuthenticatedWire aw = l.accept();
            assertEquals("laptop", aw.clientIdentity());
            ByteBuffer b = ByteBuffer.allocate(1);
            aw.wire().in().read(b);
            assertEquals(42, b.get(0));
            aw.wire().close();
            dialer.join();
        }
    }

    @Test
    void stdinserverServeChecksTheSockdirOfTheGlobalConfig(@TempDir Path tmp) {
        GlobalConfig g = new GlobalConfig(List.of(), List.of(), Path.of("/var/run/jzrepl/control"), tmp.resolve("missing"));
        TransportException e = assertThrows(TransportException.class,
                () -> Transports.listener(new ServeConfig.Stdinserver(List.of("c1")), g, board));
        assertTrue(e.getMessage().contains(tmp.resolve("missing") + " does not exist"), e.getMessage());
    }

    @Test
    void transportsNotBuiltYetAreAConfigurationError() {
        TransportException e = assertThrows(TransportException.class,
                () -> Transports.connecter(new ConnectConfig.Tcp("backup:8888", Duration.ofSeconds(10)), board));
        assertEquals(TransportException.Kind.CONFIGURATION, e.kind());
        assertTrue(e.getMessage().contains("tcp is not supported"), e.getMessage());
    }

    @Test
    void badSshSettingsAreAConfigurationError() {
        TransportException e = assertThrows(TransportException.class, () -> Transports.connecter(new ConnectConfig.SshStdinserver(
                "h", "u", 22, Path.of("/k"), List.of("ProxyJump=x"), Duration.ofSeconds(10), "/kh"), board));
        assertEquals(TransportException.Kind.CONFIGURATION, e.kind());
        assertTrue(e.getMessage().contains("'ProxyJump' is not supported"), e.getMessage());
    }
}
