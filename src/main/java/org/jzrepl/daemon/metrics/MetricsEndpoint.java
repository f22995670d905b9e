package org.jzrepl.daemon.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jzrepl.config.GlobalConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code global.monitoring} entry: serves the registry at {@code /metrics} over HTTP on its
 * {@code listen} address ({@code :9811} is every interface). The JDK cannot set IP_FREEBIND, so
 * {@code listen_freebind} is kept as far as it matters: when the address is not (yet) on this
 * host, the endpoint starts anyway and binds as soon as it can, trying every
 * {@link #FREEBIND_RETRY_SECONDS} seconds, instead of failing the daemon's start.
 */
final class MetricsEndpoint implements Closeable {
    static final int FREEBIND_RETRY_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);

    private final GlobalConfig.Monitoring config;
    private final PrometheusRegistry registry;
    private final ScheduledExecutorService retry;
    private HTTPServer server;
    private boolean closed;

    private MetricsEndpoint(GlobalConfig.Monitoring config, PrometheusRegistry registry) {
        this.config = config;
        this.registry = registry;
        this.retry = config.listenFreebind() ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "metrics-bind " + config.listen());
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /**
     * Starts serving; with {@code listen_freebind}, an address not on this host is retried in the
     * background.
     *
     * @throws IOException the address cannot be bound (in use, not local without freebind, unknown host)
     */
    static MetricsEndpoint start(GlobalConfig.Monitoring config, PrometheusRegistry registry) throws IOException {
        MetricsEndpoint e = new MetricsEndpoint(config, registry);
        try {
            e.bind();
        } catch (BindException ex) {
            if (e.retry == null || !notLocal(ex)) {
                e.close();
                throw new IOException("monitoring listen " + config.listen() + ": " + ex.getMessage(), ex);
            }
            LOG.warn("monitoring: {} is not an address of this host yet; binding when it is (listen_freebind)",
                    config.listen());
            e.retry.scheduleWithFixedDelay(e::tryBind, FREEBIND_RETRY_SECONDS, FREEBIND_RETRY_SECONDS,
                    TimeUnit.SECONDS);
        } catch (IOException ex) {
            e.close();
            throw new IOException("monitoring listen " + config.listen() + ": " + ex.getMessage(), ex);
        }
        return e;
    }

    private static boolean notLocal(BindException e) {
        return e.getMessage() != null && e.getMessage().contains("Cannot assign requested address");
    }

    private void tryBind() {
        try {
            bind();
            retry.shutdown();
        } catch (IOException e) {
            LOG.debug("monitoring: binding {} still fails: {}", config.listen(), e.toString());
        }
    }

    private synchronized void bind() throws IOException {
        if (closed || server != null) {
            return;
        }
        HTTPServer.Builder b = HTTPServer.builder().port(port(config.listen())).registry(registry)
                .registerHealthHandler(false);
        String host = host(config.listen());
        if (!host.isEmpty()) {
            b.inetAddress(InetAddress.getByName(host));
        }
        server = b.buildAndStart();
        LOG.info("monitoring: serving Prometheus metrics on {} (port {})", config.listen(), server.getPort());
    }

    /** The bound port, or -1 while not bound. */
    synchronized int port() {
        return server == null ? -1 : server.getPort();
    }

    static String host(String listen) {
        String h = listen.substring(0, listen.lastIndexOf(':'));
        return h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
    }

    static int port(String listen) {
        return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (retry != null) {
            retry.shutdownNow();
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
