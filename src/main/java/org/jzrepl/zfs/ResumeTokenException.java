package org.jzrepl.zfs;

import java.util.List;

/** A resume token is corrupt, does not match the datasets any more, or the receive state conflicts with it: drop the partial state (recv -A) and start over. */
public class ResumeTokenException extends ZfsException {

    public ResumeTokenException(List<String> command, int exitCode, String stderr) {
        super(command, exitCode, stderr);
    }
}
