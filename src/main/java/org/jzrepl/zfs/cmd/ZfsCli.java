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
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetNotFoundException;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.DestroyResult;
import org.jzrepl.zfs.Property;
import org.jzrepl.zfs.RecvArgs;
import org.jzrepl.zfs.SendArgs;
import org.jzrepl.zfs.SendDryRun;
import org.jzrepl.zfs.SendStream;
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

    /** One zfs list; when a placeholder property shows "on", one zfs get to tell set from inherited. */
    private List<DatasetInfo> list(Optional<DatasetPath> root) throws ZfsException {
        List<String> argv = ListParser.argv(root);
        List<DatasetInfo> tree = parsed(argv, runner.run(argv), ListParser::parse);
        if (tree.stream().noneMatch(DatasetInfo::placeholder)) {
            return tree;
        }
        List<String> getArgv = ListParser.placeholderArgv(root);
        Set<String> local = parsed(getArgv, runner.run(getArgv), ColumnParsers::localPlaceholders);
        return tree.stream().map(d -> d.withPlaceholder(local.contains(d.path().name()))).toList();
    }

    @Override
    public void create(DatasetPath fs, Map<String, String> properties, boolean parents) throws ZfsException {
        List<String> argv = new ArrayList<>(List.of("create"));
        if (parents) {
            argv.add("-p");
        }
        for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
            argv.add("-o");
            argv.add(RecvArgs.checkProperty(e.getKey()) + "=" + e.getValue());
        }
        argv.add(fs.name());
        runner.run(argv);
    }

    @Override
    public void destroy(DatasetPath dataset, boolean recursive) throws ZfsException {
        runner.run(recursive ? List.of("destroy", "-r", dataset.name()) : List.of("destroy", dataset.name()));
    }

    @Override
    public void snapshot(DatasetPath fs, String name) throws ZfsException {
        runner.run(List.of("snapshot", VersionRef.snapshot(name).fullName(fs)));
    }

    @Override
    public void bookmark(DatasetPath fs, VersionRef source, String bookmark) throws ZfsException {
        runner.run(List.of("bookmark", source.fullName(fs), VersionRef.bookmark(bookmark).fullName(fs)));
    }

    @Override
    public void destroyBookmark(DatasetPath fs, String bookmark) throws ZfsException {
        runner.run(List.of("destroy", VersionRef.bookmark(bookmark).fullName(fs)));
    }

    @Override
    public DestroyResult destroySnapshots(DatasetPath fs, List<String> snapshots) throws ZfsException {
        List<String> destroyed = new ArrayList<>();
        Map<String, ZfsException> failed = new HashMap<>();
        for (String batch : DestroyBatches.of(fs, snapshots, destroyBatchBytes)) {
            List<String> names = DestroyBatches.names(batch);
            try {
                runner.run(List.of("destroy", batch));
                destroyed.addAll(names);
            } catch (ZfsException batchFailure) {
                if (names.size() == 1) {
                    record(names.get(0), batchFailure, destroyed, failed);
                    continue;
                }
                for (String n : names) {     // find out which ones failed, and destroy the rest
                    try {
                        runner.run(List.of("destroy", VersionRef.snapshot(n).fullName(fs)));
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

    /** {@code zfs hold|release TAG fs@a fs@b ...}: a handful of snapshots, far below the argv limit. */
    private void holdOrRelease(String verb, DatasetPath fs, List<String> snapshots, String tag) throws ZfsException {
        List<String> argv = new ArrayList<>(List.of(verb, checkTag(tag)));
        for (String s : snapshots) {
            argv.add(VersionRef.snapshot(s).fullName(fs));
        }
        if (argv.size() > 2) {
            runner.run(argv);
        }
    }

    @Override
    public List<String> holds(DatasetPath fs, String snapshot) throws ZfsException {
        List<String> argv = List.of("holds", "-H", VersionRef.snapshot(snapshot).fullName(fs));
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
        ReceivePump.pump(runner.start(argv), argv, stream, runner.timeout());
    }

    @Override
    public void recvAbort(DatasetPath fs) throws ZfsException {
        runner.run(List.of("recv", "-A", fs.name()));
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
        List<String> argv = new ArrayList<>(List.of("list", "-H", "-p", "-o", "name,encryption",
                "-t", "filesystem,volume"));
        datasets.forEach(d -> argv.add(d.name()));
        ZfsRunner.Outcome o = runner.runCapturing(argv);
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
        List<String> argv = List.of("get", "-H", "-p", "-o", "property,value,source",
                String.join(",", properties), name);
        return parsed(argv, runner.run(argv), ColumnParsers::properties);
    }

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
