package org.jzrepl.zfs;

import java.util.List;

/**
 * The dataset, snapshot, bookmark or hold tag to be created already exists (for a receive: the
 * target exists and -F was not given).
 */
public class DatasetExistsException extends ZfsException {

    public DatasetExistsException(List<String> command, int exitCode, String stderr) {
        super(command, exitCode, stderr);
    }
}
