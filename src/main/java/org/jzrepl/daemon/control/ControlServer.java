package org.jzrepl.daemon.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import org.jzrepl.runtime.Task;
import org.jzrepl.runtime.TaskRunner;
import org.jzrepl.util.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /status}, {@code GET /version}, {@code POST /signal}, {@code POST /prune}
 * (body {@code {"DryRun": true, "Job": JOB|null, "Filesystem": FS|null}}) and {@code POST /trace}
 * (start or stop the Chrome trace file) as JSON over a unix socket
 * in a private directory ({@link PrivateSocketPath}). One request per connection; a connection that
 * does not finish within {@link #REQUEST_TIMEOUT} is closed, except that a prune dry run, which lists
 * both sides of each job, gets {@link #PRUNE_TIMEOUT} once its request is read.
 *
 * <p>Tasks, on the daemon's {@link TaskRunner}: one acceptor, and one per connection, at most
 * {@link #MAX_CONCURRENT} at a time (further connections wait in the socket's backlog).
 */
public final class ControlServer implements Closeable {
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** How long a prune dry run may take once its request is read. */
    public static final Duration PRUNE_TIMEOUT = Duration.ofMinutes(5);
    /** Connections served at once. */
    public static final int MAX_CONCURRENT = 4;
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);

    private final Path sockpath;
    private final ServerSocketChannel server;
    private final ControlHandler handler;
    private final ObjectMapper json;
    private final TaskRunner runner;
    private final Semaphore slots = new Semaphore(MAX_CONCURRENT);
    private volatile boolean closed;

    private ControlServer(Path sockpath, ServerSocketChannel server, ControlHandler handler, ObjectMapper json,
                          TaskRunner runner) {
        this.sockpath = sockpath;
        this.server = server;
        this.handler = handler;
        this.json = json;
        this.runner = runner;
    }

    /** Binds the socket (replacing a stale one) and starts serving on {@code runner}. */
    public static ControlServer start(Path sockpath, ControlHandler handler, ObjectMapper json, TaskRunner runner)
            throws IOException {
        PrivateSocketPath.prepare(sockpath);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ch.bind(UnixDomainSocketAddress.of(sockpath));
        ControlServer s = new ControlServer(sockpath, ch, handler, json, Objects.requireNonNull(runner, "runner"));
        runner.execute("control accept", s::acceptLoop);
        return s;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                return;
            }
            try {
                SocketChannel conn = server.accept();
                runner.execute("control request", () -> {
                    try {
                        serve(conn);
                    } finally {
                        slots.release();
                    }
                });
            } catch (IOException e) {
                slots.release();
                if (!closed) {
                    LOG.warn("control socket {}: accept failed: {}", sockpath, e.toString());
                }
                return;
            }
        }
    }

    private void serve(SocketChannel conn) {
        Task deadline = runner.schedule("control request deadline", runner.clock().instant().plus(REQUEST_TIMEOUT),
                () -> closeQuietly(conn));
        try (conn) {
            Response r;
            boolean unread = false;
            try {
                HttpExchange.Message req = HttpExchange.read(conn, HttpExchange.MAX_BODY);
                if (req.startLine().startsWith("POST /prune ")) {
                    deadline.cancel();
                    if (conn.isOpen()) {   // else the request deadline passed while it was read
                        deadline = runner.schedule("control prune deadline",
                                runner.clock().instant().plus(PRUNE_TIMEOUT), () -> closeQuietly(conn));
                    }
                }
                r = dispatch(req);
            } catch (HttpExchange.BadMessageException e) {
                r = Response.error(e.status, e.getMessage());
                unread = true;
            }
            HttpExchange.write(conn, "HTTP/1.1 " + r.status + " " + reason(r.status), json.writeValueAsBytes(r.body));
            if (unread) {
                // closing with unread input would reset the connection and lose our answer
                conn.shutdownOutput();
                HttpExchange.drain(conn, 1024 * 1024);
            }
        } catch (IOException e) {
            LOG.debug("control connection ended: {}", e.toString());
        } finally {
            deadline.cancel();
        }
    }

    private Response dispatch(HttpExchange.Message req) {
        String[] parts = req.startLine().split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            return Response.error(400, "malformed request line");
        }
        String route = parts[0] + " " + parts[1];
        try {
            switch (route) {
                case "GET /status":
                    return new Response(200, handler.status());
                case "GET /version":
                    return new Response(200, Map.of("version", handler.version()));
                case "POST /signal":
                    return signal(json.readTree(req.body()));
                case "POST /prune":
                    return prune(json.readTree(req.body()));
                case "POST /trace":
                    return trace(json.readTree(req.body()));
                default:
                    return Response.error(404, "no such endpoint: " + route);
            }
        } catch (IOException | IllegalArgumentException e) {
            return Response.error(400, e.getMessage());
        } catch (ControlHandler.UnknownJobException e) {
            return Response.error(404, e.getMessage());
        } catch (IllegalStateException e) {
            return Response.error(409, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("control request {} failed", LogText.escape(route, 200), e);
            return Response.error(500, "internal error: " + e);
        }
    }

    private Response signal(JsonNode body) throws ControlHandler.UnknownJobException {
        JsonNode name = body == null ? null : body.get("Name");
        JsonNode op = body == null ? null : body.get("Op");
        if (name == null || !name.isTextual() || op == null || !op.isTextual()) {
            throw new IllegalArgumentException("signal body must be {\"Name\": JOB, \"Op\": \"wakeup\"|\"reset\"}");
        }
        handler.signal(name.asText(), SignalOp.parse(op.asText()));
        return new Response(200, Map.of());
    }

    private Response prune(JsonNode body) throws ControlHandler.UnknownJobException {
        if (body == null || !body.isObject() || !body.path("DryRun").isBoolean()) {
            throw new IllegalArgumentException("prune body must be {\"DryRun\": true, \"Job\": JOB or null,"
                    + " \"Filesystem\": FS or null}");
        }
        if (!body.get("DryRun").asBoolean()) {
            throw new IllegalArgumentException("only a dry run can be asked for: pruning runs as part of each job's run");
        }
        return new Response(200, handler.pruneDryRun(optionalText(body, "Job"), optionalText(body, "Filesystem")));
    }

    /** {@code {"Action": "start", "Path": ABS, "Force": bool, "MaxBytes": n}} or {@code {"Action": "stop"}}. */
    private Response trace(JsonNode body) throws IOException {
        String action = body == null || !body.isObject() ? null : optionalText(body, "Action");
        if ("stop".equals(action)) {
            return new Response(200, handler.traceStop());
        }
        JsonNode path = body == null ? null : body.get("Path");
        JsonNode force = body == null ? null : body.path("Force");
        JsonNode max = body == null ? null : body.path("MaxBytes");
        if (!"start".equals(action) || path == null || !path.isTextual() || !force.isBoolean()
                || !max.canConvertToLong()) {
            throw new IllegalArgumentException("trace body must be {\"Action\": \"start\", \"Path\": FILE,"
                    + " \"Force\": BOOL, \"MaxBytes\": N} or {\"Action\": \"stop\"}");
        }
        return new Response(200, handler.traceStart(path.asText(), force.asBoolean(), max.asLong()));
    }

    private static String optionalText(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string or null");
        }
        return n.asText();
    }

    private record Response(int status, Object body) {
        static Response error(int status, String message) {
            return new Response(status, Map.of("error", message == null ? "" : message));
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 431 -> "Request Header Fields Too Large";
            default -> "Error";
        };
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing to abort a stuck request; nothing to report
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        Files.deleteIfExists(sockpath);
    }
}
