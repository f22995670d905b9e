package org.jzrepl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the AsciiDoc sources of the man pages (jzrepl.adoc, jzrepl-SUBCOMMAND.adoc, ...) from
 * the same picocli model users run. {@code scripts/gen-man.sh} calls {@link #main}; the drift
 * test calls {@link #generate} into a temporary directory and compares with {@code man/}.
 */
public final class ManPageSources {

    private ManPageSources() {
    }

    /** Usage: {@code ManPageSources DIR}: (re)writes the sources in DIR. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ManPageSources DIR");
            System.exit(2);
        }
        generate(Path.of(args[0]));
    }

    /** Section titles as man pages spell them, and a SEE ALSO on each subcommand's page. */
    private static void manPageHeadings(CommandLine cmd) {
        CommandSpec spec = cmd.getCommandSpec();
        spec.usageMessage().exitCodeListHeading("Exit Status");
        if (spec.parent() == null) {
            spec.usageMessage().footerHeading("Files");
        } else if (spec.usageMessage().footer().length == 0) {
            spec.usageMessage().footerHeading("See Also").footer("jzrepl(1)");
        }
        for (CommandLine sub : cmd.getSubcommands().values()) {
            manPageHeadings(sub);
        }
    }

    /** Writes one .adoc per command into {@code dir}, replacing what is there. */
    public static void generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        CommandLine cmd = JzreplCli.newCommandLine();
        CommandSpec spec = cmd.getCommandSpec();
        // The pages carry no version: the build passes it to asciidoctor, so a release does
        // not make the committed sources drift.
        spec.versionProvider(() -> new String[0]);
        manPageHeadings(cmd);
        int rc = ManPageGenerator.generateManPage(dir.toFile(), null, new boolean[0], true, spec);
        if (rc != 0) {
            throw new IOException("picocli ManPageGenerator failed with status " + rc);
        }
    }
}
