package org.jzrepl.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jzrepl.zfs.DatasetPath;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Checks that need all jobs at once: unique names, receiving jobs (sink, pull) whose root_fs
 * do not overlap, and stdinserver identities and local listeners served by one job only.
 * Errors point at the later of two clashing definitions and name the earlier one's location.
 */
final class CrossJobCheck {

    /** A bound job with where it came from. */
    record Bound(JobConfig job, String file, String path, Node node) {
    }

    private CrossJobCheck() {
    }

    static void check(Problems p, List<Bound> jobs, GlobalConfig global) {
        Map<String, Bound> names = new HashMap<>();
        Map<String, Bound> identities = new HashMap<>();
        Map<String, Bound> listeners = new HashMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            Bound b = jobs.get(i);
            p.file(b.file());
            Bound first = names.putIfAbsent(b.job().name(), b);
            if (first != null) {
                p.error(value(b.node(), "name"), b.path() + ".name", "duplicate job name '" + b.job().name()
                        + "' (first defined at " + where(first, "name") + ")");
            }
            for (int j = 0; j < i; j++) {
                checkRoots(p, jobs.get(j), b);
            }
            ServeConfig serve = serve(b.job());
            if (serve instanceof ServeConfig.Stdinserver) {
                List<String> idents = ((ServeConfig.Stdinserver) serve).clientIdentities();
                for (int k = 0; k < idents.size(); k++) {
                    Bound other = identities.putIfAbsent(idents.get(k), b);
                    if (other != null && other != b) {
                        Node n = item(value(value(b.node(), "serve"), "client_identities"), k);
                        p.error(n, b.path() + ".serve.client_identities[" + k + "]", "client identity '" + idents.get(k)
                                + "' is already served by job '" + other.job().name() + "' (both would listen on "
                                + global.stdinserverSockdir().resolve(idents.get(k)) + ")");
                    }
                }
            } else if (serve instanceof ServeConfig.Local) {
                String name = ((ServeConfig.Local) serve).listenerName();
                Bound other = listeners.putIfAbsent(name, b);
                if (other != null) {
                    p.error(value(value(b.node(), "serve"), "listener_name"), b.path() + ".serve.listener_name",
                            "local listener '" + name + "' is already served by job '" + other.job().name() + "'");
                }
            }
        }
    }

    private static void checkRoots(Problems p, Bound earlier, Bound later) {
        DatasetPath a = rootFs(earlier.job());
        DatasetPath b = rootFs(later.job());
        if (a == null || b == null || !(a.startsWith(b) || b.startsWith(a))) {
            return;
        }
        p.error(value(later.node(), "root_fs"), later.path() + ".root_fs", "root_fs '" + b + "' overlaps root_fs '"
                + a + "' of job '" + earlier.job().name() + "' (" + where(earlier, "root_fs")
                + "); receiving jobs must not share datasets");
    }

    private static DatasetPath rootFs(JobConfig j) {
        if (j instanceof JobConfig.Sink) {
            return ((JobConfig.Sink) j).rootFs();
        }
        return j instanceof JobConfig.Pull ? ((JobConfig.Pull) j).rootFs() : null;
    }

    private static ServeConfig serve(JobConfig j) {
        if (j instanceof JobConfig.Sink) {
            return ((JobConfig.Sink) j).serve();
        }
        return j instanceof JobConfig.Source ? ((JobConfig.Source) j).serve() : null;
    }

    private static String where(Bound b, String key) {
        Mark m = value(b.node(), key).getStartMark();
        return b.file() + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
    }

    /** The value node of {@code key} in a mapping, or the mapping itself if not found. */
    private static Node value(Node map, String key) {
        if (map instanceof MappingNode) {
            for (NodeTuple t : ((MappingNode) map).getValue()) {
                if (t.getKeyNode() instanceof ScalarNode && ((ScalarNode) t.getKeyNode()).getValue().equals(key)) {
                    return t.getValueNode();
                }
            }
        }
        return map;
    }

    private static Node item(Node list, int k) {
        if (list instanceof SequenceNode && ((SequenceNode) list).getValue().size() > k) {
            return ((SequenceNode) list).getValue().get(k);
        }
        return list;
    }
}
