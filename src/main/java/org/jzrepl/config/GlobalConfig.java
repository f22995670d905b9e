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

    /** {@code monitoring} entry of type {@code prometheus}: metrics over HTTP on {@code listen}. */
    public record Monitoring(String listen, boolean listenFreebind) {
        public Monitoring {
            Names.checkHostPort(listen);
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
