package org.jzrepl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed man page sources in man/ are exactly what the current CLI model generates. */
class ManPagesTest {

    static final Path MAN = Path.of("man");
    static final String HINT = "man pages drifted from the CLI; run scripts/gen-man.sh";

    @TempDir
    Path fresh;

    @Test
    void committedSourcesMatchTheCli() throws IOException {
        ManPageSources.generate(fresh);
        List<String> drift = drift(MAN, fresh);
        if (!drift.isEmpty()) {
            fail(HINT + ": " + String.join(", ", drift));
        }
    }

    @Test
    void thereIsOnePagePerCommand() throws IOException {
        TreeSet<String> pages = adocNames(MAN);
        for (String page : new String[] {"jzrepl", "jzrepl-daemon", "jzrepl-stdinserver",
            "jzrepl-status", "jzrepl-signal", "jzrepl-configcheck", "jzrepl-test-filesystems",
            "jzrepl-version", "jzrepl-zfs-abstraction-list", "jzrepl-zfs-abstraction-release-stale"}) {
            assertTrue(pages.contains(page + ".adoc"), page + " missing from " + pages);
        }
    }

    @Test
    void driftCheckNoticesAChangedMissingOrExtraPage(@TempDir Path committed) throws IOException {
        ManPageSources.generate(fresh);
        ManPageSources.generate(committed);
        assertEquals(List.of(), drift(committed, fresh));

        Path signal = committed.resolve("jzrepl-signal.adoc");
        Files.writeString(signal, Files.readString(signal).replace("wakeup", "wake-up"));
        Files.delete(committed.resolve("jzrepl-daemon.adoc"));
        Files.writeString(committed.resolve("jzrepl-old.adoc"), "= jzrepl-old(1)\n");
        assertEquals(List.of("jzrepl-daemon.adoc missing", "jzrepl-old.adoc no longer generated",
                "jzrepl-signal.adoc differs"), drift(committed, fresh));
    }

    @Test
    void pagesCarryNoVersionSoReleasesDoNotDrift() throws IOException {
        String root = Files.readString(MAN.resolve("jzrepl.adoc"));
        assertTrue(root.contains(":revnumber: \n"), "revnumber must be left to the build");
        assertFalse(root.contains(VersionInfo.jzreplVersion()));
    }

    /** Human-readable differences between the committed and the freshly generated sources. */
    static List<String> drift(Path committed, Path generated) throws IOException {
        TreeSet<String> names = adocNames(committed);
        names.addAll(adocNames(generated));
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            Path c = committed.resolve(name);
            Path g = generated.resolve(name);
            if (!Files.exists(c)) {
                problems.add(name + " missing");
            } else if (!Files.exists(g)) {
                problems.add(name + " no longer generated");
            } else if (Files.mismatch(c, g) != -1) {
                problems.add(name + " differs");
            }
        }
        return problems;
    }

    private static TreeSet<String> adocNames(Path dir) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".adoc")).forEach(names::add);
            }
        }
        return names;
    }
}
