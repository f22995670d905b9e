package org.jzrepl.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jzrepl.config.JobConfig;
import org.jzrepl.zfs.DatasetPath;

/**
 * The datasets a config's jobs cover: what a source, push or snap job's {@code filesystems} filter
 * selects, and a pull's or sink's {@code root_fs} with everything below it. Pure; immutable.
 */
final class Coverage implements Predicate<DatasetPath> {

    private final List<Predicate<DatasetPath>> parts;

    private Coverage(List<Predicate<DatasetPath>> parts) {
        this.parts = List.copyOf(parts);
    }

    static Coverage of(List<JobConfig> jobs) {
        List<Predicate<DatasetPath>> parts = new ArrayList<>();
        for (JobConfig j : jobs) {
            if (j instanceof JobConfig.Source s) {
                parts.add(s.filesystems()::matches);
            } else if (j instanceof JobConfig.Push p) {
                parts.add(p.filesystems()::matches);
            } else if (j instanceof JobConfig.Snap s) {
                parts.add(s.filesystems()::matches);
            } else if (j instanceof JobConfig.Pull p) {
                DatasetPath root = p.rootFs();
                parts.add(fs -> fs.startsWith(root));
            } else if (j instanceof JobConfig.Sink s) {
                DatasetPath root = s.rootFs();
                parts.add(fs -> fs.startsWith(root));
            }
        }
        return new Coverage(parts);
    }

    @Override
    public boolean test(DatasetPath fs) {
        for (Predicate<DatasetPath> p : parts) {
            if (p.test(fs)) {
                return true;
            }
        }
        return false;
    }
}
