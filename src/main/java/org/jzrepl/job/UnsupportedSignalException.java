package org.jzrepl.job;

/** A signal the job has no use for, e.g. {@code wakeup} of a source job (it only serves). */
public final class UnsupportedSignalException extends Exception {

    public UnsupportedSignalException(String job, String type, String signal) {
        super("job '" + job + "' is a " + type + " job: " + signal + " does not apply to it"
                + " (only pull and push jobs run replications)");
    }
}
