package org.jzrepl.zfs;

import java.util.List;

/**
 * A resume token is corrupt or no longer matches the datasets (its snapshot is gone): drop the
 * partial state ({@code recv -A}) and start over.
 */
public class ResumeTokenException extends ZfsException {

    public ResumeTokenException(List<String> command, int exitCode, String stderr) {
        super(command, exitCode, stderr);
    }
}
