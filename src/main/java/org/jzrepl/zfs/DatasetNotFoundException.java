package org.jzrepl.zfs;

import java.util.List;

/** The dataset, snapshot or bookmark named in the command does not exist. */
public class DatasetNotFoundException extends ZfsException {

    public DatasetNotFoundException(List<String> command, int exitCode, String stderr) {
        super(command, exitCode, stderr);
    }
}
