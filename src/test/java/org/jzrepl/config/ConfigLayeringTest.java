package org.jzrepl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The config layer depends on nothing of the project but the zfs value types. */
class ConfigLayeringTest {
    private static final Pattern PROJECT_IMPORT = Pattern.compile("^import (static )?org\\.jzrepl\\.(?!config\\.|zfs\\.)",
            Pattern.MULTILINE);

    @Test
    void importsOnlyZfsValueTypesFromTheProject() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/jzrepl/config"))) {
            List<String> offenders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return PROJECT_IMPORT.matcher(Files.readString(f)).find();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).map(Path::toString).toList();
            assertEquals(List.of(), offenders);
        }
    }
}
