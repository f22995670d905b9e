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

    @Test
    void readsTheConfiguredSockdirAsTheFullLoaderDoes() throws Exception {
        Path file = config("global:\n  serve:\n    stdinserver:\n      sockdir: /srv/jz/sock\njobs: []\n");
        assertEquals(Path.of("/srv/jz/sock"), SockdirLookup.read(file));
        assertEquals(ConfigLoader.load(file).global().stdinserverSockdir(), SockdirLookup.read(file));
    }

    @Test
    void fallsBackToTheDefaultWhenUnset() throws Exception {
        assertEquals(Path.of(GlobalConfig.DEFAULT_STDINSERVER_SOCKDIR), SockdirLookup.read(config("jobs: []\n")));
        assertEquals(Path.of(GlobalConfig.DEFAULT_STDINSERVER_SOCKDIR),
                SockdirLookup.read(config("global:\n  control:\n    sockpath: /run/x\n")));
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
        ConfigException broken = assertThrows(ConfigException.class, () -> SockdirLookup.read(config("global: [\n")));
        assertTrue(broken.getMessage().contains("not valid YAML"), broken.getMessage());
    }
}
