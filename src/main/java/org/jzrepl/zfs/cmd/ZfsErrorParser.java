package org.jzrepl.zfs.cmd;

import java.util.List;
import java.util.regex.Pattern;
import org.jzrepl.zfs.DatasetBusyException;
import org.jzrepl.zfs.DatasetExistsException;
import org.jzrepl.zfs.DatasetNotFoundException;
import org.jzrepl.zfs.ResumeTokenException;
import org.jzrepl.zfs.ZfsException;
import org.jzrepl.zfs.ZfsPermissionException;

/**
 * Turns a failed command's stderr into the typed {@link ZfsException} a caller can act on. The
 * patterns are the messages of OpenZFS 2.1 and 2.3 (see the captured outputs in the tests);
 * checks run in order, the most specific first: a resume failure can also say "does not exist".
 * Unknown messages become a plain {@link ZfsException}; every exception keeps the raw text.
 */
public final class ZfsErrorParser {

    private static final Pattern RESUME = Pattern.compile(
            "resume token|cannot resume send|resume_token|partially-complete state"
                    + "|no longer the same snapshot used in the initial send"
                    + "|used in the initial send no longer exists",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PERMISSION = Pattern.compile(
            "permission denied|operation not permitted|must be root|insufficient privileges",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BUSY = Pattern.compile(
            "dataset is busy|pool or dataset is busy|is busy$|it's being held",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Pattern NOT_FOUND = Pattern.compile(
            "does not exist|could not find any snapshots to destroy|no such pool|no such dataset"
                    + "|no such tag|does not have any resumable receive state",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EXISTS = Pattern.compile(
            "already exists|destination '[^']*' exists|bookmark exists|must specify -F to overwrite",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern MISSING_LINE = Pattern.compile("cannot open '[^']+': dataset does not exist");

    private ZfsErrorParser() {
    }

    /**
     * True when every line of the failure is "cannot open 'NAME': dataset does not exist", as
     * {@code zfs list A B} reports each missing one of several named datasets, and nothing else.
     */
    static boolean onlyMissingDatasets(ZfsException e) {
        if (!(e instanceof DatasetNotFoundException)) {
            return false;
        }
        return e.stderr().lines().filter(l -> !l.isBlank())
                .allMatch(l -> MISSING_LINE.matcher(l.strip()).matches());
    }

    /** The exception for a command that exited with {@code exitCode} and wrote {@code stderr}. */
    public static ZfsException parse(List<String> command, int exitCode, String stderr) {
        if (RESUME.matcher(stderr).find()) {
            return new ResumeTokenException(command, exitCode, stderr);
        }
        if (PERMISSION.matcher(stderr).find()) {
            return new ZfsPermissionException(command, exitCode, stderr);
        }
        if (BUSY.matcher(stderr).find()) {
            return new DatasetBusyException(command, exitCode, stderr);
        }
        if (NOT_FOUND.matcher(stderr).find()) {
            return new DatasetNotFoundException(command, exitCode, stderr);
        }
        if (EXISTS.matcher(stderr).find()) {
            return new DatasetExistsException(command, exitCode, stderr);
        }
        return new ZfsException(command, exitCode, stderr);
    }
}
