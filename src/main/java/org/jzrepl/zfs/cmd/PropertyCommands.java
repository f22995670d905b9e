package org.jzrepl.zfs.cmd;

import static org.jzrepl.zfs.cmd.ParsedOutput.parsed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.Property;
import org.jzrepl.zfs.RecvArgs;
import org.jzrepl.zfs.VersionRef;
import org.jzrepl.zfs.ZfsException;

/** The properties of {@link ZfsCli}: {@code zfs get} and {@code zfs set} of checked names. Stateless. */
final class PropertyCommands {

    private final ZfsRunner runner;

    PropertyCommands(ZfsRunner runner) {
        this.runner = runner;
    }

    Map<String, Property> get(String name, List<String> properties) throws ZfsException {
        if (properties.isEmpty()) {
            return Map.of();
        }
        properties.forEach(RecvArgs::checkProperty);
        List<String> argv = Argv.of("get", List.of("-H", "-p", "-o", "property,value,source"),
                List.of(String.join(",", properties), checkFullName(name)));
        return parsed(argv, runner.run(argv), ColumnParsers::properties);
    }

    /**
     * {@code zfs set P=V... DATASET} without {@code --}: OpenZFS 2.1 parses set by hand, refusing
     * any first argument that starts with '-' (so also {@code --}), and reads every later argument
     * by position. The first argument is a checked property name (it starts with a letter) and a
     * {@link DatasetPath} never starts with '-', so nothing here reads as an option.
     */
    void set(DatasetPath dataset, Map<String, String> properties) throws ZfsException {
        if (properties.isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of("set"));
        for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
            argv.add(RecvArgs.checkProperty(e.getKey()) + "=" + e.getValue());
        }
        argv.add(dataset.name());
        runner.run(argv);
    }

    /** A dataset, snapshot or bookmark name, as {@link #get} takes it; returns it. */
    private static String checkFullName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("no dataset, snapshot or bookmark name");
        }
        int delim = Math.max(name.indexOf('@'), name.indexOf('#'));
        DatasetPath.parse(delim < 0 ? name : name.substring(0, delim));
        if (delim >= 0) {
            VersionRef.parse(name.substring(delim));
        }
        return name;
    }
}
