package org.jzrepl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jzrepl.config.ConfigException;
import org.jzrepl.config.ConfigLoader;
import org.jzrepl.config.ConfigRenderer;
import org.jzrepl.config.JzreplConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jzrepl configcheck}: validates the config and optionally prints it normalized. */
@Command(
        name = "configcheck",
        header = "Check the config file for errors.",
        description = {
            "Reads the config file and every file it includes, and checks it the way the daemon "
                    + "would at start. Each problem is printed on its own line as "
                    + "FILE:LINE:COLUMN: KEY: MESSAGE on stderr, and the exit status is 2. A "
                    + "valid config exits 0 and is printed on stdout in normalized form: every "
                    + "include expanded and every default filled in, which shows what the "
                    + "daemon will actually do.",
        })
public final class ConfigcheckCommand implements Callable<Integer> {

    /** Output formats of the normalized config. */
    enum Format {
        yaml(ConfigRenderer.Format.YAML),
        json(ConfigRenderer.Format.JSON);

        final ConfigRenderer.Format renderer;

        Format(ConfigRenderer.Format renderer) {
            this.renderer = renderer;
        }
    }

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "yaml",
            description = "How to print the normalized config: yaml or json (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Option(names = {"-q", "--quiet"}, description = "Only check: print nothing on success.")
    private boolean quiet;

    @Override
    public Integer call() throws ConfigException {
        Path file = ConfigFileException.requireReadable(JzreplCommand.of(spec).config());
        JzreplConfig config = ConfigLoader.load(file);
        if (!quiet) {
            PrintWriter out = spec.commandLine().getOut();
            String text = ConfigRenderer.render(config, format.renderer);
            out.print(text);
            if (!text.endsWith("\n")) {
                out.println();
            }
            out.flush();
        }
        return ExitCode.OK.code();
    }
}
