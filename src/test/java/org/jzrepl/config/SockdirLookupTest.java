package org.jzrepl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SockdirLookupTest {
    @TempDir
    Path tmp;

    private Path config(String text) throws IOException {
        return Files.writeString(tmp.resolve("jzrepl.yml"), text);
    }

    /** The sockdir SockdirLookup reads from a config file holding {@code text}. */
    private Path read(String text) throws Exception {
        return SockdirLookup.read(config(text));
    }

    @Test
    void readsTheConfiguredSockdirAsTheFullLoaderDoes() throws Exception {
        Path file = config("global:\n  serve:\n    stdinserver:\n      sockdir: /srv/jz/sock\njobs: []\n");
        assertEquals(Path.of("/srv/jz/sock"), SockdirLookup.read(file));
        assertEquals(ConfigLoader.load(file).global().stdinserverSockdir(), SockdirLookup.read(file));
    }

    @Test
    void agreesWithTheFullLoaderOnEveryValidSample() throws Exception {
        try (var files = Files.list(Path.of("src/test/resources/config/valid"))) {
            for (Path f : files.sorted().toList()) {
                assertEquals(ConfigLoader.load(f).global().stdinserverSockdir(), SockdirLookup.read(f), f.toString());
            }
        }
    }

    @Test
    void followsAliasesAndMergeKeysOnThePath() throws Exception {
        assertEquals(Path.of("/srv/a"), read(
                "x: &d /srv/a\nglobal:\n  serve:\n    stdinserver:\n      sockdir: *d\n"));
        assertEquals(Path.of("/srv/b"), read(
                "base: &s {stdinserver: {sockdir: /srv/b}}\nglobal:\n  serve:\n    <<: *s\n"));
        assertEquals(Path.of("/srv/c"), read(
                "g: &g {serve: {stdinserver: {sockdir: /srv/c}}}\nglobal: *g\n"));
    }

    @Test
    void readsFlowStyleQuotedAndRepeatedKeysAsYamlDoes() throws Exception {
        assertEquals(Path.of("/srv/q"), read(
                "jobs: [{name: a, type: x}]\nglobal: {serve: {stdinserver: {sockdir: '/srv/q'}}}\n"));
        assertEquals(Path.of("/srv/last"), read(
                "global:\n  serve:\n    stdinserver:\n      sockdir: /srv/first\n      sockdir: /srv/last\n"));
        assertEquals(Path.of(GlobalConfig.DEFAULT_STDINSERVER_SOCKDIR), read(
                "global:\n  serve:\n    stdinserver:\n      sockdir: ~\n"));
        assertEquals(Path.of(GlobalConfig.DEFAULT_STDINSERVER_SOCKDIR), read(""));
    }

    @Test
    void refusesASockdirThatIsNotAPlainPath() throws Exception {
        ConfigException list = assertThrows(ConfigException.class, () -> SockdirLookup.read(
                config("global: {serve: {stdinserver: {sockdir: [/a]}}}\n")));
        assertTrue(list.getMessage().contains("must be an absolute path"), list.getMessage());
        ConfigException number = assertThrows(ConfigException.class, () -> SockdirLookup.read(
                config("global: {serve: {stdinserver: {sockdir: 12}}}\n")));
        assertTrue(number.getMessage().contains("not '12'"), number.getMessage());
    }

    @Test
    void reportsBrokenYamlAfterTheSockdir() throws Exception {
        ConfigException broken = assertThrows(ConfigException.class, () -> read(
                "global:\n  serve:\n    stdinserver:\n      sockdir: /srv/x\njobs: [\n"));
        assertTrue(broken.getMessage().contains("not valid YAML"), broken.getMessage());
    }

    @Test
    void fallsBackToTheDefaultWhenUnset() throws Exception {
        assertEquals(Path.of(GlobalConfig.DEFAULT_STDINSERVER_SOCKDIR), read("jobs: []\n"));
        assertEquals(Path.of(GlobalConfig.DEFAULT_STDINSERVER_SOCKDIR),
                read("global:\n  control:\n    sockpath: /run/x\n"));
    }

    @Test
    void matchesTheShippedExampleConfig() throws Exception {
        Path example = Path.of("packaging/deb/jzrepl.yml");
        assertEquals(ConfigLoader.load(example).global().stdinserverSockdir(), SockdirLookup.read(example));
    }

    @Test
    void refusesARelativeSockdirNamingTheKey() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> SockdirLookup.read(
                config("global:\n  serve:\n    stdinserver:\n      sockdir: run/sock\n")));
        assertTrue(e.errors().get(0).toString().endsWith(
                "global.serve.stdinserver.sockdir: must be an absolute path, not 'run/sock'"), e.errors().toString());
    }

    @Test
    void reportsAMissingFileAndBrokenYaml() throws Exception {
        ConfigException missing = assertThrows(ConfigException.class, () -> SockdirLookup.read(tmp.resolve("none.yml")));
        assertTrue(missing.getMessage().contains("cannot read"), missing.getMessage());
        ConfigException broken = assertThrows(ConfigException.class, () -> read("global: [\n"));
        assertTrue(broken.getMessage().contains("not valid YAML"), broken.getMessage());
    }
}
