package org.jzrepl.zfs.cmd;

import static org.jzrepl.zfs.cmd.ParsedOutput.parsed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetNotFoundException;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.ZfsException;

/**
 * The listings of {@link ZfsCli}: {@code zfs list} of trees, datasets and one dataset, each with
 * the {@code zfs get} that tells a placeholder property set here from an inherited one, and the
 * encryption listing. Stateless.
 */
final class ListCommands {

    private final ZfsRunner runner;

    ListCommands(ZfsRunner runner) {
        this.runner = runner;
    }

    List<DatasetInfo> listTree(DatasetPath root) throws ZfsException {
        return list(Optional.of(root));
    }

    List<DatasetInfo> listAll() throws ZfsException {
        return list(Optional.empty());
    }

    List<DatasetInfo> trees(List<DatasetPath> roots, boolean versions) throws ZfsException {
        try {
            return datasets(roots, versions);
        } catch (DatasetNotFoundException e) {
            if (roots.size() < 2) {
                return List.of();
            }
        }
        List<DatasetInfo> out = new ArrayList<>();
        for (DatasetPath root : roots) {
            try {
                out.addAll(datasets(List.of(root), versions));
            } catch (DatasetNotFoundException e) {
                // a filter may name a dataset that does not exist (yet)
            }
        }
        return out;
    }

    private List<DatasetInfo> datasets(List<DatasetPath> roots, boolean versions) throws ZfsException {
        List<String> argv = versions ? ListParser.treesArgv(roots) : ListParser.datasetsArgv(roots);
        List<DatasetInfo> found = parsed(argv, runner.run(argv, ZfsRunner.TREE_LISTING_LIMIT), ListParser::parse);
        return withLocalPlaceholders(found, ListParser.placeholderArgv(roots));
    }

    /** One zfs list; when a placeholder property shows "on", one zfs get to tell set from inherited. */
    private List<DatasetInfo> list(Optional<DatasetPath> root) throws ZfsException {
        List<String> argv = ListParser.argv(root);
        List<DatasetInfo> tree = parsed(argv, runner.run(argv, ZfsRunner.TREE_LISTING_LIMIT), ListParser::parse);
        return withLocalPlaceholders(tree, ListParser.placeholderArgv(root));
    }

    Optional<DatasetInfo> dataset(DatasetPath fs) throws ZfsException {
        List<String> argv = ListParser.datasetArgv(fs);
        String out;
        try {
            out = runner.run(argv, ZfsRunner.DATASET_LISTING_LIMIT);
        } catch (DatasetNotFoundException e) {
            return Optional.empty();
        }
        Optional<DatasetInfo> ds = parsed(argv, out, o -> ListParser.parseDataset(fs, o));
        if (ds.isEmpty()) {
            return ds;
        }
        return withLocalPlaceholders(List.of(ds.get()), ListParser.placeholderArgv(fs)).stream().findFirst();
    }

    private List<DatasetInfo> withLocalPlaceholders(List<DatasetInfo> found, List<String> getArgv)
            throws ZfsException {
        if (found.stream().noneMatch(DatasetInfo::placeholder)) {
            return found;
        }
        Set<String> local = parsed(getArgv, runner.run(getArgv, ZfsRunner.TREE_LISTING_LIMIT),
                ColumnParsers::localPlaceholders);
        return found.stream().map(d -> d.withPlaceholder(local.contains(d.path().name()))).toList();
    }

    Map<DatasetPath, String> encryption(List<DatasetPath> datasets) throws ZfsException {
        if (datasets.isEmpty()) {
            return Map.of();
        }
        List<String> argv = Argv.of("list", List.of("-H", "-p", "-o", "name,encryption", "-t", "filesystem,volume"),
                datasets.stream().map(DatasetPath::name).toList());
        ZfsRunner.Outcome o = runner.runCapturing(argv, ZfsRunner.DATASET_LISTING_LIMIT);
        if (o.error().isPresent() && !ZfsErrorParser.onlyMissingDatasets(o.error().get())) {
            throw o.error().get();
        }
        return parsed(argv, o.stdout(), ColumnParsers::encryption);
    }
}
