package org.jzrepl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jzrepl.config.ConfigLoader;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.config.JzreplConfig;
import org.jzrepl.daemon.AbstractionTool;
import org.jzrepl.endpoint.Abstraction;
import org.jzrepl.endpoint.AbstractionType;
import org.jzrepl.endpoint.Abstractions;
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
 * datasets. Runs zfs directly ($JZREPL_ZFS_BIN, else PATH); the daemon need not run.
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

        AbstractionType type() {
            return switch (this) {
                case STEP_HOLD -> AbstractionType.STEP_HOLD;
                case LAST_RECEIVED_HOLD -> AbstractionType.LAST_RECEIVED_HOLD;
                case REPLICATION_CURSOR -> AbstractionType.CURSOR;
                case TENTATIVE_CURSOR -> AbstractionType.TENTATIVE_CURSOR;
            };
        }

        static String of(AbstractionType t) {
            for (Kind k : values()) {
                if (k.type() == t) {
                    return k.toString();
                }
            }
            throw new IllegalArgumentException(t.name());
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

        Abstractions.Query query() {
            FilesystemFilter fs = FilesystemFilter.ALL;
            if (filesystem != null) {
                try {
                    fs = FilesystemFilter.of(Map.of(filesystem, true));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException("--fs '" + filesystem + "': " + e.getMessage());
                }
            }
            Set<AbstractionType> types = EnumSet.noneOf(AbstractionType.class);
            if (kinds != null) {
                kinds.forEach(k -> types.add(k.type()));
            }
            return new Abstractions.Query(fs, job == null ? Set.of() : Set.of(job), types);
        }
    }

    /** One abstraction as a table line: kind, job, the held snapshot and hold tag, or the bookmark. */
    static String line(Abstraction a) {
        return String.format("%-18s  %-20s  %s%s%s", Kind.of(a.type()), a.job(), a.versionFullName(),
                a.type().isHold() ? "  " + a.name() : "", a.foreign() ? "  (zrepl's)" : "");
    }

    static Map<String, Object> json(Abstraction a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", Kind.of(a.type()));
        m.put("job", a.job());
        m.put("filesystem", a.filesystem().name());
        m.put("version", a.versionFullName());
        m.put("name", a.name());
        m.put("createtxg", a.createTxg());
        m.put("guid", a.guid().decimal());
        m.put("foreign", a.foreign());
        return m;
    }

    static JzreplConfig config(CommandSpec spec) throws Exception {
        Path file = ConfigFileException.requireReadable(JzreplCommand.of(spec).config());
        return ConfigLoader.load(file);
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
        public Integer call() throws Exception {
            List<Abstraction> all = AbstractionTool.onHost(config(spec)).list(selection.query());
            PrintWriter out = spec.commandLine().getOut();
            ObjectMapper mapper = new ObjectMapper();
            for (Abstraction a : all) {
                out.println(json ? mapper.writeValueAsString(ZfsAbstractionCommand.json(a)) : line(a));
            }
            out.flush();
            return ExitCode.OK.code();
        }
    }

    /** {@code zfs-abstraction release-stale}. */
    @Command(
            name = "release-stale",
            header = "Release holds and destroy bookmarks no job needs any more.",
            description = "Stale: left by a job that is no longer in the config; a cursor or "
                    + "last-received hold older than the job's newest; a step hold or tentative "
                    + "cursor of a job with no step in progress (asked from the running daemon, "
                    + "if any). zrepl's own holds and bookmarks are never released.")
    static final class ReleaseStale implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private Selection selection;

        @Option(names = {"-n", "--dry-run"}, description = "Only print what would be released.")
        private boolean dryRun;

        @Override
        public Integer call() throws Exception {
            JzreplConfig config = config(spec);
            AbstractionTool tool = AbstractionTool.onHost(config);
            List<Abstraction> stale = tool.stale(selection.query(),
                    AbstractionTool.runningJobs(config.global().controlSockpath()));
            PrintWriter out = spec.commandLine().getOut();
            if (dryRun) {
                stale.forEach(a -> out.println("would release  " + line(a)));
                out.flush();
                return ExitCode.OK.code();
            }
            int failed = 0;
            for (Abstractions.Released r : tool.release(stale)) {
                if (r.error() == null) {
                    out.println("released  " + line(r.abstraction()));
                } else {
                    failed++;
                    out.println("FAILED    " + line(r.abstraction()) + ": " + r.error());
                }
            }
            out.flush();
            if (failed > 0) {
                throw new IllegalStateException(failed + " of " + stale.size() + " stale holds/cursors not released");
            }
            return ExitCode.OK.code();
        }
    }
}
