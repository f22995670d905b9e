package org.jzrepl.endpoint;

import org.jzrepl.zfs.DatasetBusyException;
import org.jzrepl.zfs.ZfsException;

/** Turns zfs failures into endpoint errors that keep zfs's own text. */
final class EndpointErrors {

    private EndpointErrors() {
    }

    static EndpointException zfs(String what, ZfsException e) {
        String code = e instanceof DatasetBusyException ? EndpointException.ZFS_BUSY : EndpointException.ZFS_FAILED;
        return new EndpointException(code, what + ": " + e.getMessage());
    }

    static EndpointException notAllowed(Object fs, String job) {
        return new EndpointException(EndpointException.FILESYSTEM_NOT_ALLOWED,
                "filesystem " + fs + " is not served by job " + job + " (not matched by its filesystems filter)");
    }
}
