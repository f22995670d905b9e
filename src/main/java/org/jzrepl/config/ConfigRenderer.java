package org.jzrepl.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a config in normalized form: every default filled in, includes expanded, durations and
 * sizes in their shortest exact spelling. The output loads again to an equal {@link JzreplConfig}.
 */
public final class ConfigRenderer {
    /** Output syntax. */
    public enum Format { YAML, JSON }

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConfigRenderer() {
    }

    public static String render(JzreplConfig config, Format format) {
        Map<String, Object> tree = tree(config);
        try {
            String s = (format == Format.YAML ? YAML : JSON).writeValueAsString(tree);
            return s.endsWith("\n") ? s : s + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render config", e);
        }
    }

    /** The config as nested maps and lists in zrepl's key names and order. */
    static Map<String, Object> tree(JzreplConfig config) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("global", global(config.global()));
        List<Object> jobs = new ArrayList<>();
        for (JobConfig j : config.jobs()) {
            jobs.add(JobRenderer.job(j));
        }
        root.put("jobs", jobs);
        return root;
    }

    private static Map<String, Object> global(GlobalConfig g) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> logging = new ArrayList<>();
        for (LoggingOutlet o : g.logging()) {
            logging.add(outlet(o));
        }
        m.put("logging", logging);
        List<Object> monitoring = new ArrayList<>();
        for (GlobalConfig.Monitoring mon : g.monitoring()) {
            monitoring.add(JobRenderer.map("type", "prometheus", "listen", mon.listen(),
                    "listen_freebind", mon.listenFreebind()));
        }
        m.put("monitoring", monitoring);
        m.put("control", JobRenderer.map("sockpath", g.controlSockpath().toString()));
        m.put("serve", JobRenderer.map("stdinserver", JobRenderer.map("sockdir", g.stdinserverSockdir().toString())));
        return m;
    }

    private static Map<String, Object> outlet(LoggingOutlet o) {
        Map<String, Object> m;
        if (o instanceof LoggingOutlet.Stdout) {
            LoggingOutlet.Stdout s = (LoggingOutlet.Stdout) o;
            m = JobRenderer.map("type", "stdout", "level", Names.yaml(s.level()), "format", Names.yaml(s.format()),
                    "time", s.time(), "color", s.color());
        } else if (o instanceof LoggingOutlet.Syslog) {
            LoggingOutlet.Syslog s = (LoggingOutlet.Syslog) o;
            m = JobRenderer.map("type", "syslog", "level", Names.yaml(s.level()), "format", Names.yaml(s.format()),
                    "facility", Names.yaml(s.facility()), "retry_interval", Durations.format(s.retryInterval()));
        } else {
            LoggingOutlet.Tcp t = (LoggingOutlet.Tcp) o;
            m = JobRenderer.map("type", "tcp", "level", Names.yaml(t.level()), "format", Names.yaml(t.format()),
                    "address", t.address(), "net", t.net(), "retry_interval", Durations.format(t.retryInterval()));
            if (t.tls() != null) {
                m.put("tls", JobRenderer.map("ca", t.tls().ca().toString(), "cert", t.tls().cert().toString(),
                        "key", t.tls().key().toString()));
            }
        }
        return m;
    }
}
