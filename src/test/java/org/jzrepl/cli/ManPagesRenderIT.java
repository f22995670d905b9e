package org.jzrepl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The .1 files the build rendered into target/man (package phase) display cleanly with the
 * real man(1): no warnings from groff, the usual sections present.
 */
class ManPagesRenderIT {

    @Test
    void everyRenderedPageShowsWithoutWarnings() throws Exception {
        List<Path> pages;
        try (Stream<Path> files = Files.list(Path.of("target", "man"))) {
            pages = files.filter(p -> p.toString().endsWith(".1")).sorted().toList();
        }
        try (Stream<Path> sources = Files.list(Path.of("man"))) {
            assertEquals(sources.filter(p -> p.toString().endsWith(".adoc")).count(), pages.size(),
                    "one rendered page per source");
        }
        for (Path page : pages) {
            Rendered r = man(page);
            assertEquals(0, r.exit, page + ": " + r.err);
            assertEquals("", r.err, page + " renders with warnings");
            for (String section : new String[] {"NAME", "SYNOPSIS", "EXIT STATUS"}) {
                assertTrue(r.out.contains("\n" + section + "\n"), page + " lacks " + section);
            }
            assertFalse(r.out.contains("\\f"), page + " has raw font escapes");
        }
    }

    private record Rendered(int exit, String out, String err) {
    }

    private static Rendered man(Path page) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("man", "-l", page.toString());
        pb.environment().put("MANWIDTH", "80");
        pb.environment().put("MANPAGER", "cat");
        pb.environment().put("PAGER", "cat");
        pb.environment().put("LC_ALL", "C.UTF-8");
        Path err = Files.createTempFile("man-stderr", ".txt");
        try {
            Process p = pb.redirectError(err.toFile()).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "man -l " + page + " hangs");
            return new Rendered(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
