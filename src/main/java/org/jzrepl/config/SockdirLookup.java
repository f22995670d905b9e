package org.jzrepl.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads only {@code global.serve.stdinserver.sockdir} from a config file, for the SSH forced
 * command: it runs once per connection and needs nothing else, and binding and validating the
 * whole config cost it ~65 ms of start-up. The daemon validates the whole file when it starts;
 * a config it refused leaves no socket for the forced command to reach anyway.
 */
public final class SockdirLookup {
    private SockdirLookup() {
    }

    /**
     * The configured sockdir, or {@value GlobalConfig#DEFAULT_STDINSERVER_SOCKDIR} when the file
     * does not set one.
     *
     * @throws ConfigException when the file cannot be read, is not YAML, or the value is not an
     *                         absolute path (one error, located at the file)
     */
    public static Path read(Path file) throws ConfigException {
        Object doc;
        try {
            LoaderOptions opts = new LoaderOptions();
            opts.setMaxAliasesForCollections(100);
            doc = new Yaml(new SafeConstructor(opts)).load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw error(file, "", "cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            throw error(file, "", "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        Object value = doc;
        for (String key : List.of("global", "serve", "stdinserver", "sockdir")) {
            if (!(value instanceof Map<?, ?> map)) {
                return Path.of(GlobalConfig.DEFAULT_STDINSERVER_SOCKDIR);
            }
            value = map.get(key);
        }
        if (value == null) {
            return Path.of(GlobalConfig.DEFAULT_STDINSERVER_SOCKDIR);
        }
        if (!(value instanceof String s) || !s.startsWith("/")) {
            throw error(file, "global.serve.stdinserver.sockdir", "must be an absolute path, not '" + value + "'");
        }
        return Path.of(s);
    }

    private static ConfigException error(Path file, String key, String message) {
        return new ConfigException(List.of(new ConfigError(file.toString(), 1, 1, key, message)));
    }
}
