package org.jzrepl.transport.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A remote command's stderr is the remote side's text: kept bounded and handed out escaped. */
class StderrTailTest {

    @Test
    void keepsTheTailEscaped() {
        StderrTail t = new StderrTail();
        byte[] junk = "x".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
        t.write(junk, 0, junk.length);
        byte[] last = "\nbash: jzrepl: not found\n2026-01-01 INFO forged \u001b[31m\n".getBytes(StandardCharsets.UTF_8);
        t.write(last, 0, last.length);
        String text = t.text();
        assertEquals(true, text.endsWith("x\\nbash: jzrepl: not found\\n2026-01-01 INFO forged \\x1b[31m"), text);
        assertEquals(-1, text.indexOf('\n'));
    }
}
