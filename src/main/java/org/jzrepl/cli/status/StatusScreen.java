package org.jzrepl.cli.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;
import org.jzrepl.daemon.status.DaemonReport;
import org.jzrepl.util.LogText;

/**
 * The interactive status screen: the thin loop around the pure parts. It fetches a report every
 * {@code interval}, feeds the rates, draws {@link StatusLayout}'s lines through JLine's
 * {@link Display} (which rewrites only what changed) on the alternate screen, and between fetches
 * waits for keys, decoded by {@link KeyDecoder} and acted on by {@link Interaction}. A fetch that
 * fails keeps the last report on screen with the error above it and is tried again at the next
 * tick. The terminal is put back (raw mode off, main screen, cursor shown) however the loop ends.
 */
public final class StatusScreen {
    /** How long to wait for the rest of an escape sequence before taking ESC as the Escape key. */
    static final long ESCAPE_WAIT_MILLIS = 50;

    private final StatusSource source;
    private final Duration interval;
    private final java.time.Clock clock;
    private final ZoneId zone;
    private final ReportDecoder decoder = new ReportDecoder();
    private final Rates rates = new Rates();

    private DaemonReport report;
    private String fetchError;
    private ViewState state = ViewState.initial();

    public StatusScreen(StatusSource source, Duration interval, java.time.Clock clock) {
        this.source = source;
        this.interval = interval;
        this.clock = clock;
        this.zone = clock.getZone();
    }

    /** Runs until the person quits (or the terminal's input ends). */
    public void run(Terminal terminal) throws IOException {
        Attributes saved = terminal.enterRawMode();
        terminal.puts(Capability.enter_ca_mode);
        terminal.puts(Capability.cursor_invisible);
        terminal.flush();
        try {
            loop(terminal);
        } finally {
            terminal.puts(Capability.exit_ca_mode);
            terminal.puts(Capability.cursor_visible);
            terminal.setAttributes(saved);
            terminal.flush();
        }
    }

    private void loop(Terminal terminal) throws IOException {
        Display display = new Display(terminal, true);
        NonBlockingReader in = terminal.reader();
        KeyDecoder keys = new KeyDecoder();
        boolean ascii = !StandardCharsets.UTF_8.equals(terminal.encoding());
        Instant nextFetch = Instant.MIN;
        while (true) {
            Instant now = clock.instant();
            if (!now.isBefore(nextFetch)) {
                fetch(now);
                nextFetch = now.plus(interval);
            }
            Size size = terminal.getSize();
            int rows = Math.max(3, size.getRows());
            int cols = Math.max(20, size.getColumns());
            display.resize(rows, cols);
            List<String> lines = new StatusLayout(rates, new Clock(now, zone))
                    .screen(report, fetchError, state, cols, rows);
            display.update(styled(lines, ascii), 0);
            long wait = Math.max(1, Duration.between(clock.instant(), nextFetch).toMillis());
            int c = in.read(wait);
            if (c == NonBlockingReader.EOF) {
                return;
            }
            if (c == NonBlockingReader.READ_EXPIRED) {
                continue;
            }
            Optional<Key> key = keys.feed(c);
            while (key.isEmpty() && keys.pending()) {
                int more = in.read(ESCAPE_WAIT_MILLIS);
                key = more < 0 ? keys.flush() : keys.feed(more);
            }
            if (key.isPresent() && !act(key.get(), rows)) {
                return;
            }
        }
    }

    /** Acts on one key; false to quit. */
    private boolean act(Key key, int rows) {
        List<String> jobs = StatusLayout.jobNames(report);
        Interaction.Outcome o = Interaction.press(state, key, jobs, Math.max(1, rows - 6));
        state = o.state();
        if (o.action() instanceof Interaction.Action.Quit) {
            return false;
        }
        if (o.action() instanceof Interaction.Action.Signal s) {
            try {
                source.signal(s.job(), s.op());
                state = state.browsing("sent " + s.op().wireName() + " to job " + s.job());
                fetch(clock.instant());
            } catch (IOException e) {
                state = state.browsing(s.op().wireName() + " of job " + s.job() + " failed: " + e.getMessage());
            }
        }
        return true;
    }

    private void fetch(Instant now) {
        try {
            report = decoder.decode(source.status());
            rates.observe(report, now);
            fetchError = null;
        } catch (IOException e) {
            fetchError = LogText.escape(e.getMessage());
        }
        if (report != null) {
            state = state.withJob(StatusLayout.selected(report, state) == null ? null
                    : StatusLayout.selected(report, state).name());
        }
    }

    /** The lines for JLine, with the screen's few non-ASCII marks replaced on a terminal that is not UTF-8. */
    private static List<AttributedString> styled(List<String> lines, boolean ascii) {
        List<AttributedString> out = new ArrayList<>(lines.size());
        for (String l : lines) {
            out.add(new AttributedString(ascii ? Ascii.of(l) : l));
        }
        return out;
    }
}
