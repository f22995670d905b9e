package org.jzrepl.zfs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The operands of one atomic {@code zfs snapshot pool/a@N pool/b@N ...} ({@link Zfs#snapshotAtomically}),
 * and how a pool's filesystems are split when they do not fit one command line. Pure.
 *
 * <p>ZFS creates all snapshots of one such command in one transaction group, or none; all must be
 * in one pool (across pools zfs fails with the misleading "multiple snapshots of same fs not
 * allowed"). The command line is bounded by {@link #MAX_BYTES}: a remote {@code zfs} reached
 * through ssh (the testbed's wrapper, {@code ssh host zfs ...}) carries the whole command as one
 * argument of the local ssh, which Linux caps at 128 KiB (MAX_ARG_STRLEN; the testbed's wrapper
 * passed 127,499 bytes and failed at 132,599), and the shell quoting on the way can double a name
 * with spaces. 64 KiB holds some 1,000 to 1,500 filesystems of typical names in one command.
 */
public final class SnapshotBatches {

    /** Bytes the operands of one atomic snapshot command may take (each name plus a separator). */
    public static final int MAX_BYTES = 64 * 1024;

    private SnapshotBatches() {
    }

    /** What {@code fs@name} takes on a command line: its bytes and one separator. */
    public static int operandBytes(DatasetPath fs, String name) {
        return fs.name().length() + 1 + name.length() + 1;   // names are ASCII: chars are bytes
    }

    /**
     * The operands {@code fs@name}, in the given order, for one atomic command. Throws
     * IllegalArgumentException, naming the problem, for no filesystems, filesystems of more than
     * one pool, a filesystem named twice, an invalid snapshot name, or more than {@code maxBytes}.
     */
    public static List<String> operands(List<DatasetPath> filesystems, String name, int maxBytes) {
        VersionRef snap = VersionRef.snapshot(name);
        if (filesystems.isEmpty()) {
            throw new IllegalArgumentException("no filesystems to snapshot");
        }
        String pool = filesystems.get(0).pool();
        Set<DatasetPath> seen = new HashSet<>();
        List<String> out = new ArrayList<>(filesystems.size());
        long bytes = 0;
        for (DatasetPath fs : filesystems) {
            if (!fs.pool().equals(pool)) {
                throw new IllegalArgumentException("one atomic snapshot command takes filesystems of one pool, got "
                        + pool + " and " + fs.pool() + " (" + fs + ")");
            }
            if (!seen.add(fs)) {
                throw new IllegalArgumentException("filesystem " + fs + " named twice in one snapshot command");
            }
            bytes += operandBytes(fs, name);
            out.add(snap.fullName(fs));
        }
        if (bytes > maxBytes) {
            throw new IllegalArgumentException(filesystems.size() + " snapshots take " + bytes
                    + " bytes on the command line, more than " + maxBytes + ": split them (SnapshotBatches.split)");
        }
        return out;
    }

    /**
     * {@code filesystems} of one pool in consecutive batches, in order, each within
     * {@code maxBytes}; one batch when they fit (the usual case). Throws as {@link #operands}.
     */
    public static List<List<DatasetPath>> split(List<DatasetPath> filesystems, String name, int maxBytes) {
        List<List<DatasetPath>> out = new ArrayList<>();
        List<DatasetPath> cur = new ArrayList<>();
        long curBytes = 0;
        for (DatasetPath fs : filesystems) {
            int b = operandBytes(fs, name);
            if (!cur.isEmpty() && curBytes + b > maxBytes) {
                out.add(List.copyOf(cur));
                cur.clear();
                curBytes = 0;
            }
            cur.add(fs);
            curBytes += b;
        }
        if (!cur.isEmpty()) {
            out.add(List.copyOf(cur));
        }
        for (List<DatasetPath> batch : out) {
            operands(batch, name, Math.max(maxBytes, operandBytes(batch.get(0), name)));
        }
        return out;
    }
}
