package org.jzrepl.zfs;

import java.util.List;

/**
 * ZFS refused because the dataset is in use: a held snapshot, a mounted or open dataset, a running
 * receive. Often temporary.
 */
public class DatasetBusyException extends ZfsException {

    public DatasetBusyException(List<String> command, int exitCode, String stderr) {
        super(command, exitCode, stderr);
    }
}
