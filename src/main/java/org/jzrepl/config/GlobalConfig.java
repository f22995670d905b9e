package org.jzrepl.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * {@code global}. {@code logging} defaults to one stdout outlet (warn, human); {@code monitoring}
 * to none; {@code control.sockpath} to {@value #DEFAULT_CONTROL_SOCKPATH};
 * {@code serve.stdinserver.sockdir} to {@value #DEFAULT_STDINSERVER_SOCKDIR}.
 */
public record GlobalConfig(List<LoggingOutlet> logging, List<Monitoring> monitoring, Path controlSockpath,
                           Path stdinserverSockdir) {
    public static final String DEFAULT_CONTROL_SOCKPATH = "/var/run/jzrepl/control";
    public static final String DEFAULT_STDINSERVER_SOCKDIR = "/var/run/jzrepl/stdinserver";
    public static final GlobalConfig DEFAULT = new GlobalConfig(List.of(LoggingOutlet.Stdout.DEFAULT), List.of(),
            Path.of(DEFAULT_CONTROL_SOCKPATH), Path.of(DEFAULT_STDINSERVER_SOCKDIR));

    /**
     * {@code monitoring} entry of type {@code prometheus}: metrics over HTTP at {@code /metrics} on
     * {@code listen} ({@code host:port}, an empty host for every interface, a numeric port 1-65535);
     * {@code listen_freebind} lets the daemon start before the address exists on the host.
     */
    public record Monitoring(String listen, boolean listenFreebind) {
        public Monitoring {
            checkListen(listen);
        }

        /** Refuses what cannot be bound: not host:port, a service name or 0 as the port. */
        public static void checkListen(String listen) {
            java.util.Objects.requireNonNull(listen, "listen");
            Names.checkHostPort(listen);
            String port = listen.substring(listen.lastIndexOf(':') + 1);
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1) {
                throw new IllegalArgumentException("port '" + port + "' in '" + listen
                        + "' must be a number from 1 to 65535");
            }
        }
    }

    public GlobalConfig {
        logging = List.copyOf(logging);
        monitoring = List.copyOf(monitoring);
        Objects.requireNonNull(controlSockpath, "controlSockpath");
        Objects.requireNonNull(stdinserverSockdir, "stdinserverSockdir");
        if (!controlSockpath.isAbsolute()) {
            throw new IllegalArgumentException("control.sockpath '" + controlSockpath + "' must be absolute");
        }
        if (!stdinserverSockdir.isAbsolute()) {
            throw new IllegalArgumentException("serve.stdinserver.sockdir '" + stdinserverSockdir + "' must be absolute");
        }
    }
}
