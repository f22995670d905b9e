package org.jzrepl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample under config/valid loads, and its rendering (YAML and JSON) loads to an equal record. */
class ValidConfigsTest {
    static final Path DIR = Path.of("src/test/resources/config/valid");

    static Stream<Path> samples() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
            return files.stream();
        }
    }

    @Test
    void thereAreAtLeastFifteenSamples() throws IOException {
        assertFalse(samples().count() < 15, "need at least 15 valid samples");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void loadsAndRoundTripsThroughYaml(Path sample) throws Exception {
        JzreplConfig config = load(sample);
        String yaml = ConfigRenderer.render(config, ConfigRenderer.Format.YAML);
        JzreplConfig again = reload(yaml, "rendered.yml");
        assertEquals(config, again, yaml);
        assertEquals(yaml, ConfigRenderer.render(again, ConfigRenderer.Format.YAML), "rendering is stable");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void roundTripsThroughJson(Path sample) throws Exception {
        JzreplConfig config = load(sample);
        String json = ConfigRenderer.render(config, ConfigRenderer.Format.JSON);
        assertEquals(config, reload(json, "rendered.json"), json);
    }

    private static JzreplConfig load(Path sample) throws ConfigException {
        try {
            return ConfigLoader.load(sample);
        } catch (ConfigException e) {
            throw new AssertionError(String.join("\n", e.errors().stream().map(Object::toString).toList()), e);
        }
    }

    private static JzreplConfig reload(String text, String name) {
        try {
            return ConfigLoader.load(text, Path.of(name));
        } catch (ConfigException e) {
            throw new AssertionError(e.errors() + "\n" + text, e);
        }
    }
}
