package org.jzrepl.zfs;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ZFS operations jzrepl uses, typed. Every method runs zfs commands synchronously in the
 * calling thread (a send runs on until its stream is read) and throws {@link ZfsException}
 * subclasses for failures zfs reports. Implementations are thread-safe: each call is its own
 * process. The implementation on real ZFS is {@code org.jzrepl.zfs.cmd.ZfsCli}.
 */
public interface Zfs {

    /**
     * The most snapshot names one {@link #destroySnapshots} call, and so one DestroySnapshots
     * request from a peer, may carry. It bounds the work one call can cause: checking the names,
     * one set lookup each, and about one {@code zfs destroy} per 32 KiB of names (some ten commands
     * for 10,000 names of zrepl's 25-byte form). It is far above what a pruner destroys on one
     * filesystem in one run (a year of hourly snapshots is 8,760); a pruner with more to destroy
     * splits its list into several calls. 10,000 names of at most 255 bytes also fit well within
     * the RPC's 8 MiB body cap.
     */
    int MAX_DESTROY_SNAPSHOTS = 10_000;

    /** {@code root}, its descendants and all their snapshots and bookmarks, in one zfs call. */
    List<DatasetInfo> listTree(DatasetPath root) throws ZfsException;

    /** Every filesystem and volume of every imported pool, with versions, in one zfs call. */
    List<DatasetInfo> listAll() throws ZfsException;

    /**
     * The filesystems and volumes of the trees under {@code roots} (every pool when empty),
     * without their snapshots and bookmarks: the cheap listing for deciding which datasets a
     * filter selects. A root that does not exist adds nothing.
     */
    List<DatasetInfo> listDatasets(List<DatasetPath> roots) throws ZfsException;

    /**
     * The trees under {@code roots} (every pool when empty) with their snapshots and bookmarks: the
     * datasets {@link #listDatasets} finds, with their versions, in one zfs call (and one
     * {@code zfs get} when a placeholder property shows "on"). A root that does not exist adds nothing.
     */
    List<DatasetInfo> listTrees(List<DatasetPath> roots) throws ZfsException;

    /**
     * The filesystem or volume {@code fs} with its own snapshots and bookmarks (not those of its
     * children), in one {@code zfs list -d 1}; empty when it does not exist.
     */
    Optional<DatasetInfo> dataset(DatasetPath fs) throws ZfsException;

    /** Creates a filesystem (and missing parents when {@code parents}) with these properties. */
    void create(DatasetPath fs, Map<String, String> properties, boolean parents) throws ZfsException;

    /** Destroys a filesystem or volume; with {@code recursive} also its children and snapshots. */
    void destroy(DatasetPath dataset, boolean recursive) throws ZfsException;

    void snapshot(DatasetPath fs, String name) throws ZfsException;

    /**
     * Creates {@code fs@name} for every one of {@code filesystems} with one
     * {@code zfs snapshot pool/a@name pool/b@name ...}: ZFS takes them all in one transaction group
     * (one createtxg) or none, and a failure names the filesystem that caused it. Throws
     * IllegalArgumentException before zfs runs for an empty list, filesystems of more than one pool,
     * one named twice, or operands longer than {@link SnapshotBatches#MAX_BYTES} (split them with
     * {@link SnapshotBatches#split}).
     */
    void snapshotAtomically(List<DatasetPath> filesystems, String name) throws ZfsException;

    /** Creates {@code fs#bookmark} from a snapshot (or, since OpenZFS 2.0, another bookmark). */
    void bookmark(DatasetPath fs, VersionRef source, String bookmark) throws ZfsException;

    void destroyBookmark(DatasetPath fs, String bookmark) throws ZfsException;

    /**
     * Destroys snapshots of {@code fs} with as few commands as the command-line limit allows;
     * when a batch fails, its snapshots are retried one by one so each failure is reported. A
     * snapshot that does not exist counts as destroyed. Throws IllegalArgumentException, before any
     * command runs, for an invalid name or more than {@link #MAX_DESTROY_SNAPSHOTS} names.
     */
    DestroyResult destroySnapshots(DatasetPath fs, List<String> snapshots) throws ZfsException;

    void hold(DatasetPath fs, String snapshot, String tag) throws ZfsException;

    /**
     * Places hold {@code tag} on each of these snapshots of {@code fs} with one command (none for
     * an empty list). zfs treats each snapshot on its own: when one fails (a hold with that tag
     * exists, the snapshot is gone) the others are still held, and the error names the failed ones.
     */
    void hold(DatasetPath fs, List<String> snapshots, String tag) throws ZfsException;

    void release(DatasetPath fs, String snapshot, String tag) throws ZfsException;

    /**
     * Releases hold {@code tag} from each of these snapshots of {@code fs} with one command (none
     * for an empty list); as with {@link #hold(DatasetPath, List, String)} each snapshot is released
     * on its own, and one without the tag ({@link DatasetNotFoundException}) fails only itself.
     */
    void release(DatasetPath fs, List<String> snapshots, String tag) throws ZfsException;

    /** The hold tags on {@code fs@snapshot}. */
    List<String> holds(DatasetPath fs, String snapshot) throws ZfsException;

    /** Starts {@code zfs send}; the caller reads the stream, then calls {@link SendStream#finish()}. */
    SendStream send(SendArgs args) throws ZfsException;

    /** The stream size {@code zfs send -n -v -P} estimates for {@code args}, in bytes. */
    long estimateSize(SendArgs args) throws ZfsException;

    /**
     * The dry run {@code zfs send -n -v -P} of {@code args}: which versions zfs resolves (for a
     * resumed send, from the token's guids) and the estimated size. Resume tokens themselves are
     * decoded by {@link ResumeTokenDecoder}, never from zfs's text.
     */
    SendDryRun dryRun(SendArgs args) throws ZfsException;

    /**
     * Receives {@code stream} (read to its end) with {@code zfs recv}. When reading the stream
     * fails, zfs sees a truncated stream (leaving resumable state with {@code -s}) and the read
     * error is thrown with the zfs error attached as suppressed.
     */
    void recv(RecvArgs args, InputStream stream) throws IOException;

    /** {@code zfs recv -A}: discards the partial state of an interrupted resumable receive. */
    void recvAbort(DatasetPath fs) throws ZfsException;

    /**
     * The {@code encryption} property ("off", "aes-256-gcm", ...) of those of these filesystems and
     * volumes that exist, in one command; the missing ones are simply absent from the map.
     */
    Map<DatasetPath, String> encryption(List<DatasetPath> datasets) throws ZfsException;

    /** {@code zfs get -p} of these properties of a dataset, snapshot or bookmark (full name). */
    Map<String, Property> get(String name, List<String> properties) throws ZfsException;

    void set(DatasetPath dataset, Map<String, String> properties) throws ZfsException;
}
