package org.jzrepl.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.jzrepl.endpoint.Abstraction;
import org.jzrepl.zfs.DatasetPath;

/**
 * The stale holds and cursors check of {@code jzrepl doctor}, limited to what concerns this host's
 * config: on the datasets its jobs cover (their {@code filesystems}, the trees below their
 * {@code root_fs}), every hold and cursor {@code release-stale} would release, the first few named;
 * elsewhere only those of jobs gone from the config, as one bounded summary (a count and a few job
 * names). Other datasets' leftovers of jobs still configured are not this config's business. Pure.
 */
final class StaleDiagnosis {

    static final String SUBJECT = "holds and cursors";
    static final String FIX = "jzrepl zfs-abstraction release-stale   (list them first with --dry-run)";
    /** How many holds or cursors the sentence names. */
    static final int NAMED = 5;
    /** How many gone jobs the summary names. */
    static final int JOBS_NAMED = 5;

    private StaleDiagnosis() {
    }

    /**
     * @param stale      what {@code release-stale} would release on this host ({@code AbstractionTool.stale})
     * @param configured the names of the jobs in the config
     * @param covered    whether a dataset is one the config's jobs cover
     */
    static Finding of(List<Abstraction> stale, Set<String> configured, Predicate<DatasetPath> covered) {
        List<Abstraction> here = new ArrayList<>();
        Set<String> goneHere = new TreeSet<>();
        int elsewhere = 0;
        Set<String> goneElsewhere = new TreeSet<>();
        for (Abstraction a : stale) {
            boolean gone = !configured.contains(a.job());
            if (covered.test(a.filesystem())) {
                here.add(a);
                if (gone) {
                    goneHere.add(a.job());
                }
            } else if (gone) {
                elsewhere++;
                goneElsewhere.add(a.job());
            }
        }
        if (here.isEmpty() && elsewhere == 0) {
            return Finding.ok(SUBJECT, "none stale on the datasets of this host's jobs, none of jobs gone from"
                    + " the config elsewhere");
        }
        StringBuilder s = new StringBuilder();
        if (!here.isEmpty()) {
            int n = here.size();
            s.append(n).append(n == 1 ? " stale hold or cursor" : " stale holds and cursors")
                    .append(" on the datasets of this host's jobs ").append(n == 1 ? "keeps" : "keep")
                    .append(" snapshots from being pruned");
            if (!goneHere.isEmpty()) {
                s.append(" (of jobs gone from the config: ").append(names(goneHere)).append(')');
            }
            s.append(": ");
            for (int i = 0; i < Math.min(NAMED, n); i++) {
                s.append(i == 0 ? "" : ", ").append(describe(here.get(i)));
            }
            if (n > NAMED) {
                s.append(" and ").append(n - NAMED).append(" more");
            }
        }
        if (elsewhere > 0) {
            s.append(here.isEmpty() ? "" : "; ").append(elsewhere)
                    .append(elsewhere == 1 ? " hold or cursor" : " holds and cursors")
                    .append(" of jobs gone from the config on other datasets (")
                    .append(names(goneElsewhere)).append(')');
        }
        return Finding.problem(SUBJECT, s.toString(), FIX);
    }

    /** {@code hold NAME on FS@SNAP} or {@code cursor FS#NAME}, with its job. */
    static String describe(Abstraction a) {
        String what = a.type().isHold()
                ? "hold " + a.name() + " on " + a.version().fullName(a.filesystem())
                : "bookmark " + a.version().fullName(a.filesystem());
        return what + " (job " + a.job() + (a.client() == null ? "" : ", client " + a.client()) + ")";
    }

    private static String names(Set<String> jobs) {
        List<String> l = new ArrayList<>(jobs);
        if (l.size() <= JOBS_NAMED) {
            return String.join(", ", l);
        }
        return String.join(", ", l.subList(0, JOBS_NAMED)) + " and " + (l.size() - JOBS_NAMED) + " more";
    }
}
