package org.jzrepl.testing.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Chrome trace file read back with Jackson, and the structural checks every test applies: an
 * array of events; complete events with ts, dur, pid, tid and an id; spans of one track nested by
 * time; every child inside its parent's time (on another track: begun inside it), with a flow pair
 * linking the two tracks.
 */
public record TraceFile(List<JsonNode> events) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses a closed file: it must be one JSON array. */
    public static TraceFile read(Path file) throws IOException {
        JsonNode root = JSON.readTree(Files.readString(file));
        assertTrue(root.isArray(), "the JSON array form");
        List<JsonNode> events = new ArrayList<>();
        root.forEach(events::add);
        return new TraceFile(events);
    }

    /** The complete events (tasks and spans) in file order. */
    public List<JsonNode> complete() {
        return events.stream().filter(e -> e.path("ph").asText().equals("X")).toList();
    }

    /** The complete event with this id. */
    public JsonNode byId(String id) {
        return complete().stream().filter(e -> e.path("args").path("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no event with id " + id));
    }

    /** The complete events named {@code name}. */
    public List<JsonNode> named(String name) {
        return complete().stream().filter(e -> e.path("name").asText().equals(name)).toList();
    }

    /** The parent of {@code e} in the file, or null if it has none or the parent is not in the file. */
    public JsonNode parent(JsonNode e) {
        String p = e.path("args").path("parent").asText(null);
        return p == null ? null : complete().stream().filter(x -> x.path("args").path("id").asText().equals(p))
                .findFirst().orElse(null);
    }

    /** The chain of span names from the outermost span in the file down to {@code e}, tasks left out. */
    public String spanPath(JsonNode e) {
        List<String> names = new ArrayList<>();
        for (JsonNode n = e; n != null; n = parent(n)) {
            if (n.path("cat").asText().equals("span")) {
                names.add(0, n.path("name").asText());
            }
        }
        return String.join(">", names);
    }

    public static long end(JsonNode e) {
        return e.path("ts").asLong() + e.path("dur").asLong();
    }

    /** Checks the structure; returns this. */
    public TraceFile checkStructure(long notBeforeMicros, long notAfterMicros) {
        assertEquals("M", events.get(0).path("ph").asText(), "the process name comes first");
        Map<Long, Long> lastEndPerTrack = new HashMap<>();
        Map<String, Integer> flows = new HashMap<>();
        for (JsonNode e : events) {
            String ph = e.path("ph").asText();
            assertTrue(e.path("pid").canConvertToLong() && e.path("tid").canConvertToLong(), "pid, tid: " + e);
            if (ph.equals("s") || ph.equals("f")) {
                flows.merge(e.path("id").asText() + ph, 1, Integer::sum);
                continue;
            }
            if (!ph.equals("X")) {
                assertEquals("M", ph, "only complete, flow and metadata events: " + e);
                continue;
            }
            long ts = e.path("ts").asLong();
            long dur = e.path("dur").asLong();
            assertTrue(e.path("ts").isIntegralNumber() && e.path("dur").isIntegralNumber(), "micros: " + e);
            boolean unfinished = e.path("args").path("unfinished").asBoolean();    // may have begun before the trace
            assertTrue(dur >= 0 && (unfinished || ts >= notBeforeMicros) && ts + dur <= notAfterMicros,
                    "inside the test's time [" + notBeforeMicros + ", " + notAfterMicros + "]: " + e);
            assertTrue(e.path("args").path("id").asText().matches("[0-9A-Za-z]{4}"), "id: " + e);
            long track = e.path("tid").asLong();
            Long last = lastEndPerTrack.put(track, end(e));
            assertTrue(last == null || last <= end(e), "a track's events are written as they end: " + e);
            JsonNode parent = parent(e);
            if (parent != null && e.path("args").path("unfinished").isMissingNode()) {
                // on the parent's track a child must nest (the viewers draw it inside); a task or a
                // detached span on another track begins inside its parent and may end just after it
                boolean sameTrack = parent.path("tid").asLong() == track;
                assertTrue(parent.path("ts").asLong() <= ts && (sameTrack ? end(e) <= end(parent) : ts <= end(parent)),
                        "inside its parent's time: " + e + " in " + parent);
            }
        }
        for (Map.Entry<String, Integer> f : flows.entrySet()) {
            String id = f.getKey().substring(0, f.getKey().length() - 1);
            assertNotNull(flows.get(id + "s"), "flow start for " + id);
            assertNotNull(flows.get(id + "f"), "flow end for " + id);
        }
        return this;
    }
}
