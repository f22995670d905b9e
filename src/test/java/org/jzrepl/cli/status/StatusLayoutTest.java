package org.jzrepl.cli.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jzrepl.daemon.status.DaemonReport;

class StatusLayoutTest {
    static final Clock CLOCK = new Clock(Instant.parse(SampleReports.NOW), ZoneOffset.UTC);

    @Test
    void drawsTheSelectedJobMidTransferAsTheGoldenScreen() throws IOException {
        List<String> lines = new StatusLayout(new Rates(), CLOCK)
                .screen(SampleReports.midTransfer(1L << 20), null, ViewState.initial(), 100, 24);
        assertGolden("mid-transfer-100x24.txt", lines);
    }

    @Test
    void dumpsEveryJobAsTheGoldenText() throws IOException {
        List<String> lines = new StatusLayout(new Rates(), CLOCK).dump(SampleReports.midTransfer(1L << 20), 120);
        assertGolden("dump-120.txt", lines);
    }

    @Test
    void everyLineFitsTheWidthAndTheScreenTheHeight() {
        DaemonReport r = SampleReports.midTransfer(3L << 20);
        for (int width : new int[] {20, 40, 80, 200}) {
            for (int height : new int[] {5, 10, 40}) {
                List<String> lines = new StatusLayout(new Rates(), CLOCK).screen(r, null, ViewState.initial(), width, height);
                assertEquals(height, lines.size(), width + "x" + height);
                for (String l : lines) {
                    assertTrue(ScreenText.columns(l) <= width, width + "x" + height + ": " + l);
                }
            }
        }
    }

    @Test
    void noControlCharacterFromAPeerReachesTheScreen() {
        DaemonReport r = SampleReports.midTransfer(1L << 20);
        StatusLayout layout = new StatusLayout(new Rates(), CLOCK);
        List<String> all = new java.util.ArrayList<>(layout.dump(r, 300));
        all.addAll(layout.screen(r, null, ViewState.initial().withJob("sink"), 300, 40));
        for (String l : all) {
            assertTrue(l.codePoints().noneMatch(c -> c < 0x20 || c == 0x7f || c == 0x202e), l);
        }
        assertTrue(String.join("\n", all).contains("tank/e\\x1b[2Jvil\\u202e"), String.join("\n", all));
    }

    @Test
    void theFilterShowsOnlyMatchingFilesystemsAndSaysHowMany() {
        ViewState s = ViewState.initial().withFilter("CHILD", ViewState.Mode.BROWSE);
        List<String> lines = new StatusLayout(new Rates(), CLOCK).screen(SampleReports.midTransfer(0), null, s, 100, 30);
        String text = String.join("\n", lines);
        assertTrue(text.contains("tank/data/child  BLOCKED on tank/data"), text);
        assertTrue(text.contains("(filter \"CHILD\": 1 of 4 filesystems)"), text);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("  tank/home")), text);
        assertTrue(lines.get(lines.size() - 1).startsWith("filter: \"CHILD\" (Esc clears)"), text);
    }

    @Test
    void aShortScreenSaysHowManyLinesAreHiddenAndScrolls() {
        StatusLayout layout = new StatusLayout(new Rates(), CLOCK);
        DaemonReport r = SampleReports.midTransfer(0);
        List<String> top = layout.screen(r, null, ViewState.initial(), 100, 10);
        assertTrue(top.get(8).startsWith("… "), String.join("\n", top));
        List<String> scrolled = layout.screen(r, null, ViewState.initial().scrolledBy(100), 100, 10);
        assertTrue(scrolled.stream().anyMatch(l -> l.startsWith("pruning sender: PENDING")), String.join("\n", scrolled));
    }

    @Test
    void confirmationAndFetchErrorAreShown() {
        ViewState s = ViewState.initial().withJob("backup").confirming(org.jzrepl.daemon.control.SignalOp.RESET);
        List<String> lines = new StatusLayout(new Rates(), CLOCK)
                .screen(SampleReports.midTransfer(0), "cannot reach the jzrepl daemon\u001b[H", s, 100, 20);
        assertEquals("! cannot reach the jzrepl daemon\\x1b[H", lines.get(1));
        assertEquals("reset job backup? (y/n)", lines.get(19));
    }

    /**
     * Compares with src/test/resources/org/jzrepl/cli/status/NAME; {@code -Dgolden.update=true}
     * rewrites the file instead (review the diff before committing it).
     */
    static void assertGolden(String name, List<String> lines) throws IOException {
        String actual = String.join("\n", lines) + "\n";
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(Path.of("src/test/resources/org/jzrepl/cli/status", name), actual);
            return;
        }
        try (InputStream in = StatusLayoutTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("golden file " + name + " missing (run with -Dgolden.update=true)");
            }
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual);
        }
    }
}
