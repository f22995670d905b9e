package org.jzrepl.testing.zfs;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jzrepl.zfs.DatasetBusyException;
import org.jzrepl.zfs.DatasetExistsException;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetNotFoundException;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.DatasetType;
import org.jzrepl.zfs.DestroyResult;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.KeyStatus;
import org.jzrepl.zfs.Property;
import org.jzrepl.zfs.RecvArgs;
import org.jzrepl.zfs.SendDryRun;
import org.jzrepl.zfs.SendArgs;
import org.jzrepl.zfs.SendStream;
import org.jzrepl.zfs.SnapshotBatches;
import org.jzrepl.zfs.VersionRef;
import org.jzrepl.zfs.VersionType;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;

/**
 * An in-memory {@link Zfs} for unit tests of the endpoints and the snapper: unencrypted
 * filesystems with snapshots, bookmarks and holds, and a record of every call ({@link #calls()},
 * by method name). It keeps the contract of the methods it models (a held snapshot is not
 * destroyed and fails busy, a missing one counts as destroyed, more than
 * {@link Zfs#MAX_DESTROY_SNAPSHOTS} names are refused before anything changes, an atomic snapshot
 * takes all or none). A version of createtxg T was created at 1,700,000,000 + T seconds. Streams, properties and encryption are not modelled: those methods throw
 * UnsupportedOperationException. Synchronized; for one test at a time.
 */
public final class InMemoryZfs implements Zfs {

    private final Map<DatasetPath, LinkedHashMap<String, FilesystemVersion>> datasets = new TreeMap<>();
    private final Map<String, Set<String>> holds = new HashMap<>();     // full snapshot name -> tags
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private long txg = 1;
    private long guids = 1;                                             // of atomic snapshots

    /** The methods called so far, in order (e.g. {@code dataset}, {@code destroySnapshots}). */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** The snapshot names of {@code fs}, oldest first. */
    public synchronized List<String> snapshotNames(DatasetPath fs) throws ZfsException {
        return versions(fs).values().stream().filter(FilesystemVersion::isSnapshot).map(FilesystemVersion::name).toList();
    }

    /**
     * Puts snapshot {@code fs@name} with this guid and creation, as {@code zfs recv} leaves a
     * received snapshot (the createtxg is this pool's next one); for tests that replicate between
     * two instances without streams.
     */
    public synchronized void received(DatasetPath fs, String name, Guid guid, Instant creation) throws ZfsException {
        calls.add("received");
        Map<String, FilesystemVersion> v = versions(fs);
        VersionRef ref = VersionRef.snapshot(name);
        if (v.containsKey(ref.relativeName())) {
            throw new DatasetExistsException(List.of(ref.fullName(fs)), 1, "dataset already exists");
        }
        v.put(ref.relativeName(), new FilesystemVersion(ref.type(), name, guid, txg++, creation));
    }

    @Override
    public synchronized List<DatasetInfo> listTree(DatasetPath root) throws ZfsException {
        calls.add("listTree");
        versions(root);
        return datasets.keySet().stream().filter(p -> p.startsWith(root)).map(this::info).toList();
    }

    @Override
    public synchronized List<DatasetInfo> listAll() {
        calls.add("listAll");
        return datasets.keySet().stream().map(this::info).toList();
    }

    @Override
    public synchronized List<DatasetInfo> listDatasets(List<DatasetPath> roots) {
        calls.add("listDatasets");
        return datasets.keySet().stream().filter(p -> roots.isEmpty() || roots.stream().anyMatch(p::startsWith))
                .map(this::info).map(d -> new DatasetInfo(d.path(), d.type(), d.guid(), d.resumeToken(),
                        d.placeholder(), d.encryption(), d.keyStatus(), d.encryptionRoot(), List.of()))
                .toList();
    }

    @Override
    public synchronized List<DatasetInfo> listTrees(List<DatasetPath> roots) {
        calls.add("listTrees");
        return datasets.keySet().stream().filter(p -> roots.isEmpty() || roots.stream().anyMatch(p::startsWith))
                .map(this::info).toList();
    }

    @Override
    public synchronized Optional<DatasetInfo> dataset(DatasetPath fs) {
        calls.add("dataset");
        return datasets.containsKey(fs) ? Optional.of(info(fs)) : Optional.empty();
    }

    @Override
    public synchronized void create(DatasetPath fs, Map<String, String> properties, boolean parents) throws ZfsException {
        calls.add("create");
        if (datasets.containsKey(fs)) {
            throw new DatasetExistsException(List.of("create", fs.name()), 1, "dataset already exists");
        }
        if (!fs.isRoot() && !datasets.containsKey(fs.parent())) {
            if (!parents) {
                throw new DatasetNotFoundException(List.of("create", fs.name()), 1, "parent does not exist");
            }
            create(fs.parent(), Map.of(), true);
        }
        datasets.put(fs, new LinkedHashMap<>());
    }

    @Override
    public synchronized void destroy(DatasetPath dataset, boolean recursive) throws ZfsException {
        calls.add("destroy");
        versions(dataset);
        datasets.keySet().removeIf(p -> recursive ? p.startsWith(dataset) : p.equals(dataset));
    }

    @Override
    public synchronized void snapshot(DatasetPath fs, String name) throws ZfsException {
        calls.add("snapshot");
        put(fs, VersionRef.snapshot(name), new Guid(0x5000_0000L + txg));
    }

    /**
     * All or nothing, as ZFS: every filesystem must exist and lack {@code @name}, else nothing is
     * created and the first offender is named; the snapshots share one createtxg, each has its own guid.
     */
    @Override
    public synchronized void snapshotAtomically(List<DatasetPath> filesystems, String name) throws ZfsException {
        calls.add("snapshotAtomically");
        List<String> argv = new ArrayList<>(List.of("snapshot"));
        argv.addAll(SnapshotBatches.operands(filesystems, name, SnapshotBatches.MAX_BYTES));
        for (DatasetPath fs : filesystems) {
            if (!datasets.containsKey(fs)) {
                throw new DatasetNotFoundException(argv, 2, "cannot open '" + fs.name() + "': dataset does not exist");
            }
            if (datasets.get(fs).containsKey("@" + name)) {
                throw new DatasetExistsException(argv, 1, "cannot create snapshot '" + fs.name() + "@" + name
                        + "': dataset already exists\nno snapshots were created");
            }
        }
        long t = txg++;
        for (DatasetPath fs : filesystems) {
            datasets.get(fs).put("@" + name, new FilesystemVersion(VersionType.SNAPSHOT, name,
                    new Guid(0x6000_0000L + guids++), t, Instant.ofEpochSecond(1_700_000_000L + t)));
        }
    }

    @Override
    public synchronized void bookmark(DatasetPath fs, VersionRef source, String bookmark) throws ZfsException {
        calls.add("bookmark");
        FilesystemVersion src = versions(fs).get(source.relativeName());
        if (src == null) {
            throw new DatasetNotFoundException(List.of("bookmark", source.fullName(fs)), 1, "does not exist");
        }
        VersionRef ref = VersionRef.bookmark(bookmark);
        LinkedHashMap<String, FilesystemVersion> v = versions(fs);
        if (v.containsKey(ref.relativeName())) {
            throw new DatasetExistsException(List.of(ref.fullName(fs)), 1, "dataset already exists");
        }
        // as in zfs: a bookmark has its snapshot's guid, createtxg and creation
        v.put(ref.relativeName(), new FilesystemVersion(ref.type(), bookmark, src.guid(), src.createTxg(), src.creation()));
    }

    @Override
    public synchronized void destroyBookmark(DatasetPath fs, String bookmark) throws ZfsException {
        calls.add("destroyBookmark");
        versions(fs).remove(VersionRef.bookmark(bookmark).relativeName());
    }

    @Override
    public synchronized DestroyResult destroySnapshots(DatasetPath fs, List<String> snapshots) throws ZfsException {
        calls.add("destroySnapshots");
        if (snapshots.size() > MAX_DESTROY_SNAPSHOTS) {
            throw new IllegalArgumentException(snapshots.size() + " snapshots, at most " + MAX_DESTROY_SNAPSHOTS);
        }
        snapshots.forEach(VersionRef::checkName);
        Map<String, FilesystemVersion> v = versions(fs);
        List<String> destroyed = new ArrayList<>();
        Map<String, ZfsException> failed = new HashMap<>();
        for (String s : new java.util.LinkedHashSet<>(snapshots)) {
            String full = VersionRef.snapshot(s).fullName(fs);
            if (!holds.getOrDefault(full, Set.of()).isEmpty()) {
                failed.put(s, new DatasetBusyException(List.of("destroy", full), 1, "dataset is busy"));
            } else {
                v.remove("@" + s);
                destroyed.add(s);
            }
        }
        return new DestroyResult(destroyed, failed);
    }

    @Override
    public void hold(DatasetPath fs, String snapshot, String tag) throws ZfsException {
        hold(fs, List.of(snapshot), tag);
    }

    @Override
    public synchronized void hold(DatasetPath fs, List<String> snapshots, String tag) throws ZfsException {
        calls.add("hold");
        for (String s : snapshots) {
            existing(fs, s);
            holds.computeIfAbsent(VersionRef.snapshot(s).fullName(fs), k -> new HashSet<>()).add(tag);
        }
    }

    @Override
    public void release(DatasetPath fs, String snapshot, String tag) throws ZfsException {
        release(fs, List.of(snapshot), tag);
    }

    @Override
    public synchronized void release(DatasetPath fs, List<String> snapshots, String tag) throws ZfsException {
        calls.add("release");
        List<String> missing = new ArrayList<>();          // zfs goes on past a snapshot without the tag
        for (String s : snapshots) {
            if (!holds.getOrDefault(VersionRef.snapshot(s).fullName(fs), new HashSet<>()).remove(tag)) {
                missing.add(s);
            }
        }
        if (!missing.isEmpty()) {
            throw new DatasetNotFoundException(List.of("release", tag), 1, "no such tag on this dataset: " + missing);
        }
    }

    @Override
    public synchronized List<String> holds(DatasetPath fs, String snapshot) throws ZfsException {
        calls.add("holds");
        return List.copyOf(holds.getOrDefault(existing(fs, snapshot), Set.of()));
    }

    @Override
    public SendStream send(SendArgs args) {
        throw unsupported("send");
    }

    @Override
    public long estimateSize(SendArgs args) {
        throw unsupported("estimateSize");
    }

    @Override
    public SendDryRun dryRun(SendArgs args) {
        throw unsupported("dryRun");
    }

    @Override
    public void recv(RecvArgs args, InputStream stream) {
        throw unsupported("recv");
    }

    @Override
    public void recvAbort(DatasetPath fs) {
        throw unsupported("recvAbort");
    }

    @Override
    public Map<DatasetPath, String> encryption(List<DatasetPath> list) {
        throw unsupported("encryption");
    }

    @Override
    public Map<String, Property> get(String name, List<String> properties) {
        throw unsupported("get");
    }

    @Override
    public void set(DatasetPath dataset, Map<String, String> properties) {
        throw unsupported("set");
    }

    private DatasetInfo info(DatasetPath p) {
        return new DatasetInfo(p, DatasetType.FILESYSTEM, new Guid(p.hashCode() & 0xffff_ffffL), Optional.empty(),
                false, "off", KeyStatus.NONE, Optional.empty(), List.copyOf(datasets.get(p).values()));
    }

    private LinkedHashMap<String, FilesystemVersion> versions(DatasetPath fs) throws DatasetNotFoundException {
        LinkedHashMap<String, FilesystemVersion> v = datasets.get(fs);
        if (v == null) {
            throw new DatasetNotFoundException(List.of("list", fs.name()), 1,
                    "cannot open '" + fs.name() + "': dataset does not exist");
        }
        return v;
    }

    private String existing(DatasetPath fs, String snapshot) throws DatasetNotFoundException {
        String full = VersionRef.snapshot(snapshot).fullName(fs);
        if (!versions(fs).containsKey("@" + snapshot)) {
            throw new DatasetNotFoundException(List.of("holds", full), 1, "cannot open '" + full + "': does not exist");
        }
        return full;
    }

    private void put(DatasetPath fs, VersionRef ref, Guid guid) throws ZfsException {
        Map<String, FilesystemVersion> v = versions(fs);
        if (v.containsKey(ref.relativeName())) {
            throw new DatasetExistsException(List.of(ref.fullName(fs)), 1, "dataset already exists");
        }
        long t = txg++;
        v.put(ref.relativeName(), new FilesystemVersion(ref.type(), ref.name(), guid, t,
                Instant.ofEpochSecond(1_700_000_000L + t)));
    }

    private static UnsupportedOperationException unsupported(String method) {
        return new UnsupportedOperationException("InMemoryZfs does not model " + method);
    }
}
