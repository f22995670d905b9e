package org.jzrepl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The jzrepl version (from a resource Maven fills in at build time), the Java runtime and the
 * OS, for {@code jzrepl version} and {@code jzrepl --version}.
 */
public final class VersionInfo implements IVersionProvider {

    private static final String RESOURCE = "version.properties";

    /** The Maven project version jzrepl was built as, e.g. {@code 0.1.0}. */
    public static String jzreplVersion() {
        try (InputStream in = VersionInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static String[] lines() {
        return new String[] {
            "jzrepl " + jzreplVersion(),
            "Java " + System.getProperty("java.runtime.version", System.getProperty("java.version"))
                    + " (" + System.getProperty("java.vm.name") + ", "
                    + System.getProperty("java.vendor") + ")",
            "OS " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                    + " " + System.getProperty("os.arch"),
        };
    }

    @Override
    public String[] getVersion() {
        return lines();
    }
}
