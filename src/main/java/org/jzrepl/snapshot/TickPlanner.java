package org.jzrepl.snapshot;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.snapshot.hook.Hook;
import org.jzrepl.snapshot.hook.HookSequence;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;

/**
 * Decides a tick from a listing: the filesystems and volumes the job's {@code filesystems} filter
 * selects (placeholders too, as zrepl), one name from {@link SnapshotNaming} at "now", and each
 * one's hooks ({@link HookSequence#select}). Pure apart from the hooks' {@code appliesTo}; the
 * clock is only handed to the hook sequences, which time each hook call.
 */
public final class TickPlanner {
    private final FilesystemFilter filter;
    private final SnapshotNaming naming;
    private final List<Hook> hooks;
    private final Clock clock;

    public TickPlanner(FilesystemFilter filter, SnapshotNaming naming, List<Hook> hooks, Clock clock) {
        this.filter = Objects.requireNonNull(filter, "filter");
        this.naming = Objects.requireNonNull(naming, "naming");
        this.hooks = List.copyOf(hooks);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The datasets of {@code listing} the filter selects, sorted by name, each once. */
    public List<DatasetInfo> select(List<DatasetInfo> listing) {
        Set<DatasetPath> seen = new HashSet<>();
        return listing.stream().filter(d -> filter.matches(d.path()))
                .sorted(Comparator.comparing(DatasetInfo::path))
                .filter(d -> seen.add(d.path())).toList();
    }

    /** The tick for {@code now} over the selected datasets of {@code listing}. */
    public TickPlan plan(List<DatasetInfo> listing, Instant now) {
        String name = naming.name(now);
        return new TickPlan(now, name, select(listing).stream()
                .map(d -> new TickPlan.Target(d.path(), HookSequence.select(hooks, d.path(), clock))).toList());
    }

    /** Where the selected datasets lie: the trees a tick lists (every pool when empty). */
    public List<DatasetPath> roots() {
        return filter.roots();
    }

    /** The naming ticks use. */
    public SnapshotNaming naming() {
        return naming;
    }
}
