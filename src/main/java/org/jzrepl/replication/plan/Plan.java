package org.jzrepl.replication.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jzrepl.zfs.DatasetPath;

/**
 * The result of planning one replication run: one {@link FilesystemPlan} per sender filesystem,
 * parents before children (every filesystem after its {@link FilesystemPlan#parent()}).
 * Immutable.
 */
public final class Plan {

    private final Map<DatasetPath, FilesystemPlan> byPath;

    Plan(List<FilesystemPlan> ordered) {
        Map<DatasetPath, FilesystemPlan> m = new LinkedHashMap<>(ordered.size() * 2);
        for (FilesystemPlan p : ordered) {
            if (p.parent().isPresent() && !m.containsKey(p.parent().get())) {
                throw new IllegalArgumentException(p.fs() + " is listed before its parent " + p.parent().get());
            }
            if (m.put(p.fs(), p) != null) {
                throw new IllegalArgumentException(p.fs() + " is planned twice");
            }
        }
        this.byPath = Collections.unmodifiableMap(m);
    }

    /** Every filesystem, parents before children. */
    public List<FilesystemPlan> filesystems() {
        return List.copyOf(byPath.values());
    }

    public Optional<FilesystemPlan> get(DatasetPath fs) {
        return Optional.ofNullable(byPath.get(fs));
    }

    /** All steps of all filesystems, in plan order. */
    public List<Step> steps() {
        List<Step> out = new ArrayList<>();
        byPath.values().forEach(p -> out.addAll(p.steps()));
        return out;
    }

    /** The conflicts, in plan order. */
    public List<Conflict> conflicts() {
        List<Conflict> out = new ArrayList<>();
        byPath.values().forEach(p -> p.conflict().ifPresent(out::add));
        return out;
    }

    @Override
    public String toString() {
        return "Plan[" + byPath.size() + " filesystems, " + steps().size() + " steps, "
                + conflicts().size() + " conflicts]";
    }
}
