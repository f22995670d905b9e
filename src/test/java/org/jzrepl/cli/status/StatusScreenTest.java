package org.jzrepl.cli.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jzrepl.daemon.control.SignalOp;

/** The screen's loop on a JLine terminal over byte streams (no tty): keys in, screen bytes out. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StatusScreenTest {

    /** Serves the sample report (or fails while {@code down}) and records signals. */
    static final class FakeDaemon implements StatusSource {
        final List<String> signals = new ArrayList<>();
        boolean down;
        int fetches;

        @Override
        public JsonNode status() throws IOException {
            fetches++;
            if (down) {
                throw new IOException("cannot reach the jzrepl daemon\u001b[2J");
            }
            return new ObjectMapper().valueToTree(SampleReports.built(1L << 20));
        }

        @Override
        public void signal(String job, SignalOp op) {
            signals.add(op.wireName() + " " + job);
        }
    }

    static String run(FakeDaemon daemon, String keys) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Terminal t = TerminalBuilder.builder().system(false).type("xterm-256color")
                .encoding(StandardCharsets.UTF_8).size(new Size(100, 30))
                .streams(new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), out).build()) {
            new StatusScreen(daemon, Duration.ofMillis(200), Clock.system(ZoneOffset.UTC)).run(t);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void nextJobThenConfirmedWakeupGoesToTheSelectedJobAndQuitRestoresTheTerminal() throws IOException {
        FakeDaemon daemon = new FakeDaemon();
        String screen = run(daemon, "nwyrnq");
        assertEquals(List.of("wakeup sink"), daemon.signals, "r then n cancelled the reset");
        assertTrue(screen.contains("connections: 1 active, 4 served"), "the sink selected: " + screen);
        assertTrue(screen.contains("wakeup job sink? (y/n)"), screen);
        assertTrue(screen.contains("sent wakeup to job sink"), screen);
        assertTrue(screen.contains("reset cancelled"), screen);
        int entered = screen.indexOf("\u001b[?1049h");
        assertTrue(entered >= 0 && screen.lastIndexOf("\u001b[?1049l") > entered, "alternate screen entered and left");
        assertTrue(daemon.fetches >= 2, "fetched again after the signal");
    }

    @Test
    void aFailingFetchIsShownEscapedAndTheEndOfInputEndsTheScreen() throws IOException {
        FakeDaemon daemon = new FakeDaemon();
        daemon.down = true;
        String screen = run(daemon, "");
        assertTrue(screen.contains("! cannot reach the jzrepl daemon\\x1b[2J"), screen);
        assertTrue(screen.contains("waiting for the daemon's first report"), screen);
    }
}
