package org.jzrepl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every config/invalid/NAME.yml is refused with exactly the lines of NAME.expected (file names
 * relative to config/invalid).
 */
class InvalidConfigsTest {
    static final Path DIR = Path.of("src/test/resources/config/invalid");

    static Stream<String> samples() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
            return names.stream();
        }
    }

    @Test
    void thereAreAtLeastTwentyFiveSamples() throws IOException {
        assertFalse(samples().count() < 25, "need at least 25 invalid samples");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void isRefusedWithTheExpectedMessages(String name) throws IOException {
        String expected = Files.readString(DIR.resolve(name + ".expected"), StandardCharsets.UTF_8).strip();
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(DIR.resolve(name + ".yml")));
        String prefix = DIR + "/";
        String actual = e.errors().stream().map(err -> err.toString().replace(prefix, ""))
                .collect(Collectors.joining("\n"));
        assertEquals(expected, actual);
    }
}
