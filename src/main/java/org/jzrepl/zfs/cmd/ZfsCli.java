package org.jzrepl.zfs.cmd;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jzrepl.zfs.DatasetInfo;
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
 * parses the output at this boundary; no caller sees zfs text except inside exceptions. A facade
 * over one stateless collaborator per concern: {@link ListCommands}, {@link DatasetCommands},
 * {@link HoldCommands}, {@link StreamCommands} and {@link PropertyCommands}.
 */
public final class ZfsCli implements Zfs {

    private final ListCommands listCommands;
    private final DatasetCommands datasetCommands;
    private final HoldCommands holdCommands;
    private final StreamCommands streamCommands;
    private final PropertyCommands propertyCommands;

    public ZfsCli(ZfsRunner runner) {
        this(runner, DestroyBatches.DEFAULT_MAX_BYTES);
    }

    /** With {@code destroyBatchBytes} bounding one {@code fs@a,b,c} argument. */
    public ZfsCli(ZfsRunner runner, int destroyBatchBytes) {
        this.listCommands = new ListCommands(runner);
        this.datasetCommands = new DatasetCommands(runner, destroyBatchBytes);
        this.holdCommands = new HoldCommands(runner);
        this.streamCommands = new StreamCommands(runner);
        this.propertyCommands = new PropertyCommands(runner);
    }

    @Override
    public List<DatasetInfo> listTree(DatasetPath root) throws ZfsException {
        return listCommands.listTree(root);
    }

    @Override
    public List<DatasetInfo> listAll() throws ZfsException {
        return listCommands.listAll();
    }

    /**
     * {@inheritDoc} One {@code zfs list -t filesystem,volume -r} of every root at once (of all
     * pools for none); when a root does not exist, one per root, leaving the missing ones out.
     */
    @Override
    public List<DatasetInfo> listDatasets(List<DatasetPath> roots) throws ZfsException {
        return listCommands.trees(roots, false);
    }

    /**
     * {@inheritDoc} One {@code zfs list -t filesystem,volume,snapshot,bookmark -r} of every root at
     * once (of all pools for none), and one {@code zfs get} when a placeholder property shows "on";
     * when a root does not exist, one per root, leaving the missing ones out.
     */
    @Override
    public List<DatasetInfo> listTrees(List<DatasetPath> roots) throws ZfsException {
        return listCommands.trees(roots, true);
    }

    /**
     * {@inheritDoc} One {@code zfs list -d 1 DATASET} (its own versions, not its children's), and
     * a {@code zfs get} of that dataset alone when it shows a placeholder property "on".
     */
    @Override
    public Optional<DatasetInfo> dataset(DatasetPath fs) throws ZfsException {
        return listCommands.dataset(fs);
    }

    @Override
    public void create(DatasetPath fs, Map<String, String> properties, boolean parents) throws ZfsException {
        datasetCommands.create(fs, properties, parents);
    }

    @Override
    public void destroy(DatasetPath dataset, boolean recursive) throws ZfsException {
        datasetCommands.destroy(dataset, recursive);
    }

    @Override
    public void snapshot(DatasetPath fs, String name) throws ZfsException {
        datasetCommands.snapshot(fs, name);
    }

    /** {@inheritDoc} One {@code zfs snapshot -- pool/a@name pool/b@name ...}. */
    @Override
    public void snapshotAtomically(List<DatasetPath> filesystems, String name) throws ZfsException {
        datasetCommands.snapshotAtomically(filesystems, name);
    }

    @Override
    public void bookmark(DatasetPath fs, VersionRef source, String bookmark) throws ZfsException {
        datasetCommands.bookmark(fs, source, bookmark);
    }

    @Override
    public void destroyBookmark(DatasetPath fs, String bookmark) throws ZfsException {
        datasetCommands.destroyBookmark(fs, bookmark);
    }

    /**
     * {@inheritDoc} All names are checked, and duplicates dropped, before any command runs; more
     * than {@link Zfs#MAX_DESTROY_SNAPSHOTS} is refused at once.
     */
    @Override
    public DestroyResult destroySnapshots(DatasetPath fs, List<String> snapshots) throws ZfsException {
        return datasetCommands.destroySnapshots(fs, snapshots);
    }

    @Override
    public void hold(DatasetPath fs, String snapshot, String tag) throws ZfsException {
        hold(fs, List.of(snapshot), tag);
    }

    @Override
    public void hold(DatasetPath fs, List<String> snapshots, String tag) throws ZfsException {
        holdCommands.holdOrRelease("hold", fs, snapshots, tag);
    }

    @Override
    public void release(DatasetPath fs, String snapshot, String tag) throws ZfsException {
        release(fs, List.of(snapshot), tag);
    }

    @Override
    public void release(DatasetPath fs, List<String> snapshots, String tag) throws ZfsException {
        holdCommands.holdOrRelease("release", fs, snapshots, tag);
    }

    @Override
    public List<String> holds(DatasetPath fs, String snapshot) throws ZfsException {
        return holdCommands.holds(fs, snapshot);
    }

    @Override
    public SendStream send(SendArgs args) throws ZfsException {
        return streamCommands.send(args);
    }

    @Override
    public long estimateSize(SendArgs args) throws ZfsException {
        return streamCommands.estimateSize(args);
    }

    @Override
    public SendDryRun dryRun(SendArgs args) throws ZfsException {
        return streamCommands.dryRun(args);
    }

    @Override
    public void recv(RecvArgs args, InputStream stream) throws IOException {
        streamCommands.recv(args, stream);
    }

    @Override
    public void recvAbort(DatasetPath fs) throws ZfsException {
        streamCommands.recvAbort(fs);
    }

    /**
     * {@inheritDoc} {@code zfs list -o name,encryption A B C} prints the existing ones and fails
     * (exit 1) with "cannot open 'B': dataset does not exist" for each missing one; any other
     * failure is thrown.
     */
    @Override
    public Map<DatasetPath, String> encryption(List<DatasetPath> datasets) throws ZfsException {
        return listCommands.encryption(datasets);
    }

    @Override
    public Map<String, Property> get(String name, List<String> properties) throws ZfsException {
        return propertyCommands.get(name, properties);
    }

    /**
     * {@inheritDoc} {@code zfs set P=V... DATASET} without {@code --}: see {@link PropertyCommands#set}.
     */
    @Override
    public void set(DatasetPath dataset, Map<String, String> properties) throws ZfsException {
        propertyCommands.set(dataset, properties);
    }
}
