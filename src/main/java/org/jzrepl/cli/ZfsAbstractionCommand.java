package org.jzrepl.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code jzrepl zfs-abstraction list|release-stale}: the holds and bookmarks jzrepl puts on
 * datasets. Not built yet.
 */
@Command(
        name = "zfs-abstraction",
        header = "List or release the holds and bookmarks jzrepl keeps on datasets.",
        description = {
            "jzrepl protects the snapshots a replication needs with holds (step holds, "
                    + "last-received holds) and replication-cursor bookmarks. These "
                    + "subcommands show them and clean up those left behind by deleted or "
                    + "renamed jobs.",
        },
        subcommands = {
            ZfsAbstractionCommand.ListAbstractions.class,
            ZfsAbstractionCommand.ReleaseStale.class,
        })
public final class ZfsAbstractionCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand");
    }

    /** Kinds of abstraction, spelled on the command line as {@code step-hold} etc. */
    enum Kind {
        STEP_HOLD, LAST_RECEIVED_HOLD, REPLICATION_CURSOR, TENTATIVE_CURSOR;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Kind parse(String text) {
            for (Kind k : values()) {
                if (k.toString().equalsIgnoreCase(text)) {
                    return k;
                }
            }
            throw new TypeConversionException("'" + text + "' is not one of " + Arrays.toString(values()));
        }
    }

    /** Reads a {@link Kind} from its command-line spelling. */
    static final class KindConverter implements ITypeConverter<Kind> {
        @Override
        public Kind convert(String value) {
            return Kind.parse(value);
        }
    }

    /** The selection options shared by the subcommands. */
    static final class Selection {
        @Option(names = "--fs", paramLabel = "FS",
                description = "Only this dataset; a trailing < includes its children.")
        String filesystem;

        @Option(names = "--job", paramLabel = "JOB", description = "Only those of this job.")
        String job;

        @Option(names = "--type", paramLabel = "TYPE", split = ",", converter = KindConverter.class,
                description = "Only these kinds, comma-separated: ${COMPLETION-CANDIDATES}.")
        List<Kind> kinds;
    }

    /** {@code zfs-abstraction list}. */
    @Command(name = "list", header = "List jzrepl's holds and bookmarks.")
    static final class ListAbstractions implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private Selection selection;

        @Option(names = "--json", description = "One JSON object per line instead of a table.")
        private boolean json;

        @Override
        public Integer call() {
            throw new NotBuiltException(spec);
        }
    }

    /** {@code zfs-abstraction release-stale}. */
    @Command(
            name = "release-stale",
            header = "Release holds and destroy bookmarks no job needs any more.",
            description = "Stale: left by a job that is no longer in the config, or older than "
                    + "the job's current replication cursor.")
    static final class ReleaseStale implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private Selection selection;

        @Option(names = {"-n", "--dry-run"}, description = "Only print what would be released.")
        private boolean dryRun;

        @Override
        public Integer call() {
            throw new NotBuiltException(spec);
        }
    }
}
