package org.jzrepl.zfs.cmd;

import static org.jzrepl.zfs.cmd.ParsedOutput.parsed;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.VersionRef;
import org.jzrepl.zfs.ZfsException;

/** The holds of {@link ZfsCli}: {@code zfs hold}, {@code release} and {@code holds}, with a checked tag. Stateless. */
final class HoldCommands {

    private static final Pattern HOLD_TAG = Pattern.compile("[A-Za-z0-9_.:-]{1,255}");

    private final ZfsRunner runner;

    HoldCommands(ZfsRunner runner) {
        this.runner = runner;
    }

    /** {@code zfs hold|release -- TAG fs@a fs@b ...}: a handful of snapshots, far below the argv limit. */
    void holdOrRelease(String verb, DatasetPath fs, List<String> snapshots, String tag) throws ZfsException {
        List<String> operands = new ArrayList<>(List.of(checkTag(tag)));
        for (String s : snapshots) {
            operands.add(VersionRef.snapshot(s).fullName(fs));
        }
        if (operands.size() > 1) {
            runner.run(Argv.of(verb, List.of(), operands));
        }
    }

    List<String> holds(DatasetPath fs, String snapshot) throws ZfsException {
        List<String> argv = Argv.of("holds", List.of("-H"), VersionRef.snapshot(snapshot).fullName(fs));
        return parsed(argv, runner.run(argv), ColumnParsers::holdTags);
    }

    private static String checkTag(String tag) {
        if (tag == null || !HOLD_TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("invalid hold tag '" + tag + "' (1-255 of [A-Za-z0-9_.:-])");
        }
        return tag;
    }
}
