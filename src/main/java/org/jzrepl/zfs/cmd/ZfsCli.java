package org.jzrepl.zfs.cmd;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jzrepl.util.trace.Span;
import org.jzrepl.util.trace.Spans;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetNotFoundException;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.DestroyResult;
import org.jzrepl.zfs.Property;
import org.jzrepl.zfs.RecvArgs;
import org.jzrepl.zfs.SendArgs;
import org.jzrepl.zfs.SendDryRun;
import org.jzrepl.zfs.SendStream;
import org.jzrepl.zfs.SnapshotBatches;
import org.jzrepl.zfs.VersionRef;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;

/**
 * {@link Zfs} on the zfs command line, through a {@link ZfsRunner}. Builds each argv, runs it and
 * parses the output at this boundary; no caller sees zfs text except inside exceptions.
 */
public final class ZfsCli implements Zfs {

    private static final Pattern HOLD_TAG = Pattern.compile("[A-Za-z0-9_.:-]{1,255}");

    private final ZfsRunner runner;
    private final int destroyBatchBytes;

    public ZfsCli(ZfsRunner runner) {
        this(runner, DestroyBatches.DEFAULT_MAX_BYTES);
    }

    /** With {@code destroyBatchBytes} bounding one {@code fs@a,b,c} argument. */
    public ZfsCli(ZfsRunner runner, int destroyBatchBytes) {
        this.runner = runner;
        this.destroyBatchBytes = destroyBatchBytes;
    }

    @Override
    public List<DatasetInfo> listTree(DatasetPath root) throws ZfsException {
        return list(Optional.of(root));
    }

    @Override
    public List<DatasetInfo> listAll() throws ZfsException {
        return list(Optional.empty());
    }

    /**
     * {@inheritDoc} One {@code zfs list -t filesystem,volume -r} of every root at once (of all
     * pools for none); when a root does not exist, one per root, leaving the missing ones out.
     */
    @Override
    public List<DatasetInfo> listDatasets(List<DatasetPath> roots) throws ZfsException {
        return trees(roots, false);
    }

    /**
     * {@inheritDoc} One {@code zfs list -t filesystem,volume,snapshot,bookmark -r} of every root at
     * once (of all pools for none), and one {@code zfs get} when a placeholder property shows "on";
     * when a root does not exist, one per root, leaving the missing ones out.
     */
    @Override
    public List<DatasetInfo> listTrees(List<DatasetPath> roots) throws ZfsException {
        return trees(roots, true);
    }

    private List<DatasetInfo> trees(List<DatasetPath> roots, boolean versions) throws ZfsException {
        try {
            return datasets(roots, versions);
        } catch (DatasetNotFoundException e) {
            if (roots.size() < 2) {
                return List.of();
            }
        }
        List<DatasetInfo> out = new ArrayList<>();
        for (DatasetPath root : roots) {
            try {
                out.addAll(datasets(List.of(root), versions));
            } catch (DatasetNotFoundException e) {
                // a filter may name a dataset that does not exist (yet)
            }
        }
        return out;
    }

    private List<DatasetInfo> datasets(List<DatasetPath> roots, boolean versions) throws ZfsException {
        List<String> argv = versions ? ListParser.treesArgv(roots) : ListParser.datasetsArgv(roots);
        List<DatasetInfo> found = parsed(argv, runner.run(argv, ZfsRunner.TREE_LISTING_LIMIT), ListParser::parse);
        return withLocalPlaceholders(found, ListParser.placeholderArgv(roots));
    }

    /** One zfs list; when a placeholder property shows "on", one zfs get to tell set from inherited. */
    private List<DatasetInfo> list(Optional<DatasetPath> root) throws ZfsException {
        List<String> argv = ListParser.argv(root);
        List<DatasetInfo> tree = parsed(argv, runner.run(argv, ZfsRunner.TREE_LISTING_LIMIT), ListParser::parse);
        return withLocalPlaceholders(tree, ListParser.placeholderArgv(root));
    }

    /**
     * {@inheritDoc} One {@code zfs list -d 1 DATASET} (its own versions, not its children's), and
     * a {@code zfs get} of that dataset alone when it shows a placeholder property "on".
     */
    @Override
    public Optional<DatasetInfo> dataset(DatasetPath fs) throws ZfsException {
        List<String> argv = ListParser.datasetArgv(fs);
        String out;
        try {
            out = runner.run(argv, ZfsRunner.DATASET_LISTING_LIMIT);
        } catch (DatasetNotFoundException e) {
            return Optional.empty();
        }
        Optional<DatasetInfo> ds = parsed(argv, out, o -> ListParser.parseDataset(fs, o));
        if (ds.isEmpty()) {
            return ds;
        }
        return withLocalPlaceholders(List.of(ds.get()), ListParser.placeholderArgv(fs)).stream().findFirst();
    }

    private List<DatasetInfo> withLocalPlaceholders(List<DatasetInfo> found, List<String> getArgv)
            throws ZfsException {
        if (found.stream().noneMatch(DatasetInfo::placeholder)) {
            return found;
        }
        Set<String> local = parsed(getArgv, runner.run(getArgv, ZfsRunner.TREE_LISTING_LIMIT),
                ColumnParsers::localPlaceholders);
        return found.stream().map(d -> d.withPlaceholder(local.contains(d.path().name()))).toList();
    }

    @Override
    public void create(DatasetPath fs, Map<String, String> properties, boolean parents) throws ZfsException {
        List<String> options = new ArrayList<>();
        if (parents) {
            options.add("-p");
        }
        for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
            options.add("-o");
            options.add(RecvArgs.checkProperty(e.getKey()) + "=" + e.getValue());
        }
        runner.run(Argv.of("create", options, fs.name()));
    }

    @Override
    public void destroy(DatasetPath dataset, boolean recursive) throws ZfsException {
        runner.run(Argv.of("destroy", recursive ? List.of("-r") : List.of(), dataset.name()));
    }

    @Override
    public void snapshot(DatasetPath fs, String name) throws ZfsException {
        runner.run(Argv.of("snapshot", List.of(), VersionRef.snapshot(name).fullName(fs)));
    }

    /** {@inheritDoc} One {@code zfs snapshot -- pool/a@name pool/b@name ...}. */
    @Override
    public void snapshotAtomically(List<DatasetPath> filesystems, String name) throws ZfsException {
        runner.run(Argv.of("snapshot", List.of(), SnapshotBatches.operands(filesystems, name, SnapshotBatches.MAX_BYTES)));
    }

    @Override
    public void bookmark(DatasetPath fs, VersionRef source, String bookmark) throws ZfsException {
        runner.run(Argv.of("bookmark", List.of(),
                List.of(source.fullName(fs), VersionRef.bookmark(bookmark).fullName(fs))));
    }

    @Override
    public void destroyBookmark(DatasetPath fs, String bookmark) throws ZfsException {
        runner.run(Argv.of("destroy", List.of(), VersionRef.bookmark(bookmark).fullName(fs)));
    }

    /**
     * {@inheritDoc} All names are checked, and duplicates dropped, before any command runs; more
     * than {@link Zfs#MAX_DESTROY_SNAPSHOTS} is refused at once.
     */
    @Override
    public DestroyResult destroySnapshots(DatasetPath fs, List<String> snapshots) throws ZfsException {
        List<String> unique = DestroyBatches.checked(snapshots);
        List<String> destroyed = new ArrayList<>();
        Map<String, ZfsException> failed = new HashMap<>();
        for (String batch : DestroyBatches.of(fs, unique, destroyBatchBytes)) {
            List<String> names = DestroyBatches.names(batch);
            try {
                runner.run(Argv.of("destroy", List.of(), batch));
                destroyed.addAll(names);
            } catch (ZfsException batchFailure) {
                if (names.size() == 1) {
                    record(names.get(0), batchFailure, destroyed, failed);
                    continue;
                }
                for (String n : names) {     // find out which ones failed, and destroy the rest
                    try {
                        runner.run(Argv.of("destroy", List.of(), VersionRef.snapshot(n).fullName(fs)));
                        destroyed.add(n);
                    } catch (ZfsException e) {
                        record(n, e, destroyed, failed);
                    }
                }
            }
        }
        return new DestroyResult(destroyed, failed);
    }

    /** A snapshot that no longer exists counts as destroyed: destroy is idempotent. */
    private static void record(String name, ZfsException e, List<String> destroyed, Map<String, ZfsException> failed) {
        if (e instanceof DatasetNotFoundException) {
            destroyed.add(name);
        } else {
            failed.put(name, e);
        }
    }

    @Override
    public void hold(DatasetPath fs, String snapshot, String tag) throws ZfsException {
        hold(fs, List.of(snapshot), tag);
    }

    @Override
    public void hold(DatasetPath fs, List<String> snapshots, String tag) throws ZfsException {
        holdOrRelease("hold", fs, snapshots, tag);
    }

    @Override
    public void release(DatasetPath fs, String snapshot, String tag) throws ZfsException {
        release(fs, List.of(snapshot), tag);
    }

    @Override
    public void release(DatasetPath fs, List<String> snapshots, String tag) throws ZfsException {
        holdOrRelease("release", fs, snapshots, tag);
    }

    /** {@code zfs hold|release -- TAG fs@a fs@b ...}: a handful of snapshots, far below the argv limit. */
    private void holdOrRelease(String verb, DatasetPath fs, List<String> snapshots, String tag) throws ZfsException {
        List<String> operands = new ArrayList<>(List.of(checkTag(tag)));
        for (String s : snapshots) {
            operands.add(VersionRef.snapshot(s).fullName(fs));
        }
        if (operands.size() > 1) {
            runner.run(Argv.of(verb, List.of(), operands));
        }
    }

    @Override
    public List<String> holds(DatasetPath fs, String snapshot) throws ZfsException {
        List<String> argv = Argv.of("holds", List.of("-H"), VersionRef.snapshot(snapshot).fullName(fs));
        return parsed(argv, runner.run(argv), ColumnParsers::holdTags);
    }

    @Override
    public SendStream send(SendArgs args) throws ZfsException {
        RunningCommand cmd = runner.start(StreamArgv.send(args));
        try {
            cmd.stdin().close();
        } catch (IOException e) {
            // zfs send reads no stdin
        }
        return new ProcessSendStream(cmd, runner.timeout());
    }

    @Override
    public long estimateSize(SendArgs args) throws ZfsException {
        List<String> argv = StreamArgv.sendDryRun(args);
        return parsed(argv, runner.run(argv), SendDryRunParser::estimatedSize);
    }

    @Override
    public SendDryRun dryRun(SendArgs args) throws ZfsException {
        List<String> argv = StreamArgv.sendDryRun(args);
        return parsed(argv, runner.run(argv), SendDryRunParser::dryRun);
    }

    @Override
    public void recv(RecvArgs args, InputStream stream) throws IOException {
        List<String> argv = StreamArgv.recv(args);
        try (Span s = Spans.begin("zfs", "argv", String.join(" ", argv))) {
            ReceivePump.pump(runner.startInSpan(argv), argv, stream, runner.timeout());
        }
    }

    @Override
    public void recvAbort(DatasetPath fs) throws ZfsException {
        runner.run(Argv.of("recv", List.of("-A"), fs.name()));
    }

    /**
     * {@inheritDoc} {@code zfs list -o name,encryption A B C} prints the existing ones and fails
     * (exit 1) with "cannot open 'B': dataset does not exist" for each missing one; any other
     * failure is thrown.
     */
    @Override
    public Map<DatasetPath, String> encryption(List<DatasetPath> datasets) throws ZfsException {
        if (datasets.isEmpty()) {
            return Map.of();
        }
        List<String> argv = Argv.of("list", List.of("-H", "-p", "-o", "name,encryption", "-t", "filesystem,volume"),
                datasets.stream().map(DatasetPath::name).toList());
        ZfsRunner.Outcome o = runner.runCapturing(argv, ZfsRunner.DATASET_LISTING_LIMIT);
        if (o.error().isPresent() && !ZfsErrorParser.onlyMissingDatasets(o.error().get())) {
            throw o.error().get();
        }
        return parsed(argv, o.stdout(), ColumnParsers::encryption);
    }

    @Override
    public Map<String, Property> get(String name, List<String> properties) throws ZfsException {
        if (properties.isEmpty()) {
            return Map.of();
        }
        properties.forEach(RecvArgs::checkProperty);
        List<String> argv = Argv.of("get", List.of("-H", "-p", "-o", "property,value,source"),
                List.of(String.join(",", properties), checkFullName(name)));
        return parsed(argv, runner.run(argv), ColumnParsers::properties);
    }

    /**
     * {@inheritDoc} {@code zfs set P=V... DATASET} without {@code --}: OpenZFS 2.1 parses set by
     * hand, refusing any first argument that starts with '-' (so also {@code --}), and reads every
     * later argument by position. The first argument is a checked property name (it starts with a
     * letter) and a {@link DatasetPath} never starts with '-', so nothing here reads as an option.
     */
    @Override
    public void set(DatasetPath dataset, Map<String, String> properties) throws ZfsException {
        if (properties.isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of("set"));
        for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
            argv.add(RecvArgs.checkProperty(e.getKey()) + "=" + e.getValue());
        }
        argv.add(dataset.name());
        runner.run(argv);
    }

    /** A dataset, snapshot or bookmark name, as {@link #get} takes it; returns it. */
    private static String checkFullName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("no dataset, snapshot or bookmark name");
        }
        int delim = Math.max(name.indexOf('@'), name.indexOf('#'));
        DatasetPath.parse(delim < 0 ? name : name.substring(0, delim));
        if (delim >= 0) {
            VersionRef.parse(name.substring(delim));
        }
        return name;
    }

    private static String checkTag(String tag) {
        if (tag == null || !HOLD_TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("invalid hold tag '" + tag + "' (1-255 of [A-Za-z0-9_.:-])");
        }
        return tag;
    }

    /** Parses command output; output zfs should never print becomes a ZfsException, not a crash. */
    private static <T> T parsed(List<String> argv, String output, Function<String, T> parser) throws ZfsException {
        try {
            return parser.apply(output);
        } catch (IllegalArgumentException e) {
            throw new ZfsException(argv, 0, "unexpected output: " + e.getMessage(), e);
        }
    }
}
