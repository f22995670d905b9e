package org.jzrepl.daemon.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The CLI's side of the control socket: {@code status}, {@code version}, {@code signal}, {@code prune}, {@code trace}. */
public final class ControlClient {
    /** The largest response accepted: a status report of a big daemon fits comfortably. */
    static final int MAX_RESPONSE = 16 * 1024 * 1024;
    private final Path sockpath;
    private final Duration timeout;
    private final ObjectMapper json;

    public ControlClient(Path sockpath, Duration timeout, ObjectMapper json) {
        this.sockpath = sockpath;
        this.timeout = timeout;
        this.json = json;
    }

    /** The daemon cannot be reached: not running, wrong sockpath, or no permission. */
    public static final class DaemonUnreachableException extends IOException {
        public DaemonUnreachableException(Path sockpath, Exception cause) {
            super("cannot reach the jzrepl daemon at control socket " + sockpath + " (is it running? "
                    + "is control.sockpath right?): " + cause.getMessage(), cause);
        }
    }

    /** The daemon answered with an error status. */
    public static final class ControlRequestException extends IOException {
        private final int status;

        public ControlRequestException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public JsonNode status() throws IOException {
        return request("GET", "/status", null);
    }

    public String version() throws IOException {
        return request("GET", "/version", null).path("version").asText();
    }

    public void signal(String job, SignalOp op) throws IOException {
        request("POST", "/signal", json.writeValueAsBytes(Map.of("Name", job, "Op", op.wireName())));
    }

    /**
     * What pruning would do now ({@code {"jobs": [...]}}); {@code job} and {@code filesystem} null:
     * all. Give this client a timeout long enough to list both sides of each job.
     */
    public JsonNode pruneDryRun(String job, String filesystem) throws IOException {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("DryRun", true);
        body.put("Job", job);
        body.put("Filesystem", filesystem);
        return request("POST", "/prune", json.writeValueAsBytes(body));
    }

    /** Starts the daemon's trace file at {@code file} (absolute); its state. */
    public JsonNode traceStart(Path file, boolean force, long maxBytes) throws IOException {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("Action", "start");
        body.put("Path", file.toString());
        body.put("Force", force);
        body.put("MaxBytes", maxBytes);
        return request("POST", "/trace", json.writeValueAsBytes(body));
    }

    /** Stops the daemon's trace file; its final state, or an empty object when none ran. */
    public JsonNode traceStop() throws IOException {
        return request("POST", "/trace", json.writeValueAsBytes(Map.of("Action", "stop")));
    }

    private JsonNode request(String method, String path, byte[] body) throws IOException {
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(sockpath));
        } catch (IOException e) {
            throw new DaemonUnreachableException(sockpath, e);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "control-client-timeout");
            t.setDaemon(true);
            return t;
        });
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            try {
                ch.close();
            } catch (IOException ignored) {
                // aborting on timeout
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try (ch) {
            byte[] b = body == null ? new byte[0] : body;
            HttpExchange.write(ch, method + " " + path + " HTTP/1.1\r\nHost: jzrepl", b);
            HttpExchange.Message resp = HttpExchange.read(ch, MAX_RESPONSE);
            String[] status = resp.startLine().split(" ", 3);
            int code = Integer.parseInt(status[1]);
            JsonNode node = resp.body().length == 0 ? json.createObjectNode() : json.readTree(resp.body());
            if (code != 200) {
                throw new ControlRequestException(code, node.path("error").asText(new String(resp.body(), StandardCharsets.UTF_8)));
            }
            return node;
        } catch (java.nio.channels.AsynchronousCloseException e) {
            throw new IOException("the jzrepl daemon did not answer " + method + " " + path + " within " + timeout.toSeconds() + " s", e);
        } finally {
            deadline.cancel(false);
            timer.shutdownNow();
        }
    }
}
