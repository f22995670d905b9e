package org.jzrepl.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads only {@code global.serve.stdinserver.sockdir} from a config file, for the SSH forced
 * command: it runs once per connection and needs nothing else. Binding and validating the whole
 * config cost it ~65 ms of start-up, and even building SnakeYAML's object model ~20 ms, so the
 * value is found by walking the parser's events along the key path, skipping everything else.
 * Aliases and merge keys on that path are left to SnakeYAML's full loader, which
 * resolves them. The daemon validates the whole file when it starts; a config it refused leaves
 * no socket for the forced command to reach anyway.
 */
public final class SockdirLookup {
    private static final List<String> PATH = List.of("global", "serve", "stdinserver", "sockdir");
    private static final String KEY = String.join(".", PATH);

    private SockdirLookup() {
    }

    /** Thrown by the event walk when the path needs alias or merge resolution. */
    private static final class NeedsFullLoad extends Exception {
        NeedsFullLoad() {
            super(null, null, false, false);
        }
    }

    /**
     * The configured sockdir, or {@value GlobalConfig#DEFAULT_STDINSERVER_SOCKDIR} when the file
     * does not set one.
     *
     * @throws ConfigException when the file cannot be read, is not YAML, or the value is not an
     *                         absolute path (one error, located at the file)
     */
    public static Path read(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw error(file, "", "cannot read: " + e.getMessage());
        }
        Optional<String> value;
        try {
            value = walk(text);
        } catch (NeedsFullLoad e) {
            value = fullLoad(file, text);
        } catch (RuntimeException e) {
            throw notYaml(file, e);
        }
        if (value.isEmpty()) {
            return Path.of(GlobalConfig.DEFAULT_STDINSERVER_SOCKDIR);
        }
        if (!value.get().startsWith("/")) {
            throw error(file, KEY, "must be an absolute path, not '" + value.get() + "'");
        }
        return Path.of(value.get());
    }

    /** The value at {@link #PATH} in the first document: empty when absent or null. */
    private static Optional<String> walk(String text) throws NeedsFullLoad {
        LoaderOptions opts = new LoaderOptions();
        Parser parser = new ParserImpl(new StreamReader(text), opts);
        expect(parser, Event.ID.StreamStart);
        if (parser.checkEvent(Event.ID.StreamEnd)) {
            return Optional.empty();
        }
        expect(parser, Event.ID.DocumentStart);
        return node(parser, 0);
    }

    /** Consumes one node; returns the value found at {@code PATH[depth..]} inside it. */
    private static Optional<String> node(Parser parser, int depth) throws NeedsFullLoad {
        Event e = parser.getEvent();
        if (e.is(Event.ID.Alias)) {
            throw new NeedsFullLoad();
        }
        if (depth == PATH.size()) {
            if (e instanceof ScalarEvent s) {
                return isNull(s) ? Optional.empty() : Optional.of(s.getValue());
            }
            skipRest(parser, e);
            return Optional.of(e.is(Event.ID.MappingStart) ? "{...}" : "[...]");
        }
        if (!e.is(Event.ID.MappingStart)) {
            skipRest(parser, e);
            return Optional.empty();
        }
        Optional<String> found = Optional.empty();
        while (!parser.checkEvent(Event.ID.MappingEnd)) {
            Event key = parser.getEvent();
            String name = key instanceof ScalarEvent s ? s.getValue() : null;
            skipRest(parser, key);
            if ("<<".equals(name) && key instanceof ScalarEvent s && s.isPlain()) {
                throw new NeedsFullLoad();
            }
            if (PATH.get(depth).equals(name)) {
                found = node(parser, depth + 1); // a repeated key: the last one wins, as in the full loader
            } else {
                skipRest(parser, parser.getEvent());
            }
        }
        parser.getEvent();
        return found;
    }

    /** YAML 1.1's null: a plain {@code ~}, {@code null} (any case form) or empty scalar. */
    private static boolean isNull(ScalarEvent s) {
        return s.isPlain() && List.of("", "~", "null", "Null", "NULL").contains(s.getValue());
    }

    /** Skips the rest of the node that {@code first} opened (nothing for a scalar or alias). */
    private static void skipRest(Parser parser, Event first) {
        int open = first.is(Event.ID.MappingStart) || first.is(Event.ID.SequenceStart) ? 1 : 0;
        while (open > 0) {
            Event e = parser.getEvent();
            if (e.is(Event.ID.MappingStart) || e.is(Event.ID.SequenceStart)) {
                open++;
            } else if (e.is(Event.ID.MappingEnd) || e.is(Event.ID.SequenceEnd)) {
                open--;
            }
        }
    }

    private static void expect(Parser parser, Event.ID id) {
        Event e = parser.getEvent();
        if (!e.is(id)) {
            throw new IllegalStateException("expected " + id + ", found " + e);
        }
    }

    /** SnakeYAML's object model, for files whose path goes through an alias or a merge key. */
    private static Optional<String> fullLoad(Path file, String text) throws ConfigException {
        Object value;
        try {
            LoaderOptions opts = new LoaderOptions();
            opts.setMaxAliasesForCollections(100);
            value = new Yaml(new SafeConstructor(opts)).load(text);
        } catch (RuntimeException e) {
            throw notYaml(file, e);
        }
        for (String key : PATH) {
            if (!(value instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            value = map.get(key);
        }
        return value == null ? Optional.empty() : Optional.of(value instanceof String s ? s : String.valueOf(value));
    }

    private static ConfigException notYaml(Path file, RuntimeException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return error(file, "", "not valid YAML: " + msg.lines().findFirst().orElse(""));
    }

    private static ConfigException error(Path file, String key, String message) {
        return new ConfigException(List.of(new ConfigError(file.toString(), 1, 1, key, message)));
    }
}
