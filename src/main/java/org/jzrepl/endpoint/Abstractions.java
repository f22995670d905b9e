package org.jzrepl.endpoint;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetNotFoundException;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;

/**
 * Lists replication holds and cursors on real datasets, and releases the stale ones
 * ({@link StaleAbstractions} decides). Backs {@code jzrepl zfs-abstraction list|release-stale}.
 * Listing holds costs one {@code zfs holds} per snapshot of each selected filesystem; skip hold
 * types in the query when only cursors are wanted.
 */
public final class Abstractions {

    /**
     * What to list.
     *
     * @param filesystems which datasets to look at
     * @param jobs        job names to include; empty = every job
     * @param types       types to include; empty = all
     */
    public record Query(FilesystemFilter filesystems, Set<String> jobs, Set<AbstractionType> types) {
        public Query {
            Objects.requireNonNull(filesystems, "filesystems");
            jobs = Set.copyOf(jobs);
            types = types.isEmpty() ? EnumSet.allOf(AbstractionType.class) : EnumSet.copyOf(types);
        }

        public static Query all() {
            return new Query(FilesystemFilter.ALL, Set.of(), Set.of());
        }

        boolean wants(Abstraction a) {
            return types.contains(a.type()) && (jobs.isEmpty() || jobs.contains(a.job()));
        }

        boolean wantsHolds() {
            return types.contains(AbstractionType.STEP_HOLD) || types.contains(AbstractionType.LAST_RECEIVED_HOLD);
        }
    }

    /** @param error null when released, else why not (zfs's text) */
    public record Released(Abstraction abstraction, String error) {
    }

    private final Zfs zfs;

    public Abstractions(Zfs zfs) {
        this.zfs = Objects.requireNonNull(zfs, "zfs");
    }

    /** Every jzrepl and zrepl hold and cursor matching {@code q}, by filesystem, oldest first. */
    public List<Abstraction> list(Query q) throws ZfsException {
        List<Abstraction> out = new ArrayList<>();
        for (DatasetInfo ds : zfs.listAll()) {
            if (!q.filesystems().matches(ds.path())) {
                continue;
            }
            for (FilesystemVersion v : ds.versions()) {
                if (v.isBookmark()) {
                    Abstraction.ofBookmark(ds.path(), v).filter(q::wants).ifPresent(out::add);
                } else if (q.wantsHolds()) {
                    for (String tag : holdsOf(ds, v)) {
                        Abstraction.ofHold(ds.path(), v, tag).filter(q::wants).ifPresent(out::add);
                    }
                }
            }
        }
        return out;
    }

    /** The stale ones among {@link #list}. Decides only; see {@link #release}. */
    public List<Abstraction> stale(Query q, Set<String> jobsWithStepsInProgress) throws ZfsException {
        return StaleAbstractions.stale(list(q), jobsWithStepsInProgress);
    }

    /**
     * Releases holds and destroys cursor bookmarks, one by one, going on after a failure. One
     * already gone counts as released. Refuses zrepl's (foreign) ones.
     */
    public List<Released> release(List<Abstraction> abstractions) {
        Map<Abstraction, String> results = new LinkedHashMap<>();
        for (Abstraction a : abstractions) {
            if (a.foreign()) {
                results.put(a, "not released: " + a.name() + " belongs to zrepl");
                continue;
            }
            try {
                if (a.type().isHold()) {
                    zfs.release(a.filesystem(), a.version().name(), a.name());
                } else {
                    zfs.destroyBookmark(a.filesystem(), a.version().name());
                }
                results.put(a, null);
            } catch (DatasetNotFoundException gone) {
                results.put(a, null);
            } catch (ZfsException e) {
                results.put(a, e.getMessage());
            }
        }
        List<Released> out = new ArrayList<>();
        results.forEach((a, e) -> out.add(new Released(a, e)));
        return out;
    }

    private List<String> holdsOf(DatasetInfo ds, FilesystemVersion snapshot) throws ZfsException {
        try {
            return zfs.holds(ds.path(), snapshot.name());
        } catch (DatasetNotFoundException destroyedMeanwhile) {
            return List.of();
        }
    }
}
