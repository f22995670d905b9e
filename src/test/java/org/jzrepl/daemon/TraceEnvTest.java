package org.jzrepl.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jzrepl.util.trace.Tracing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code JZREPL_TRACE_FILE} and {@code JZREPL_TRACE_MAX_BYTES} in the daemon's environment. */
class TraceEnvTest {
    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        Tracing.stop();
    }

    @Test
    void theVariableStartsATraceCappedAsAsked() throws Exception {
        assertFalse(DaemonLauncher.startTrace(Map.of()));
        assertFalse(Tracing.current().isPresent());
        Path file = tmp.resolve("daemon.json");
        assertTrue(DaemonLauncher.startTrace(Map.of(Tracing.ENV_FILE, file.toString(), Tracing.ENV_MAX_BYTES, "65536")));
        assertEquals(file.toString(), Tracing.current().orElseThrow().path());
        assertTrue(Files.exists(file));
        Tracing.stop();
        assertTrue(Files.readString(file).strip().endsWith("]"));
    }

    @Test
    void anExistingFileOrABadCapStopsTheDaemonWithTheVariablesName() throws Exception {
        Path file = Files.writeString(tmp.resolve("old.json"), "[]");
        IOException exists = assertThrows(IOException.class,
                () -> DaemonLauncher.startTrace(Map.of(Tracing.ENV_FILE, file.toString())));
        assertTrue(exists.getMessage().startsWith("JZREPL_TRACE_FILE=" + file + ": ") && exists.getMessage()
                .contains("exists"), exists.getMessage());
        assertEquals("[]", Files.readString(file));
        IllegalArgumentException cap = assertThrows(IllegalArgumentException.class, () -> DaemonLauncher.startTrace(
                Map.of(Tracing.ENV_FILE, tmp.resolve("new.json").toString(), Tracing.ENV_MAX_BYTES, "lots")));
        assertTrue(cap.getMessage().startsWith("JZREPL_TRACE_FILE="), cap.getMessage());
        assertFalse(Tracing.current().isPresent());
    }
}
