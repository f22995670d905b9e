package org.jzrepl.zfs;

import java.util.List;

/** The user lacks the ZFS permission (zfs allow) or privilege for the command. */
public class ZfsPermissionException extends ZfsException {

    public ZfsPermissionException(List<String> command, int exitCode, String stderr) {
        super(command, exitCode, stderr);
    }
}
