package org.jzrepl.job;

import java.util.Objects;

/**
 * A job the config may hold but this version does not run (a snap job: snapshotting and pruning
 * are not built yet). It shows in the status with the reason, so nothing is silently ignored;
 * signals to it are refused.
 */
final class InactiveJob implements Job {
    private final String name;
    private final String type;
    private final String reason;

    InactiveJob(String name, String type, String reason) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return type;
    }

    String reason() {
        return reason;
    }

    @Override
    public void start() {
    }

    @Override
    public void wakeup() throws UnsupportedSignalException {
        throw new UnsupportedSignalException(name, type, "wakeup");
    }

    @Override
    public void reset() throws UnsupportedSignalException {
        throw new UnsupportedSignalException(name, type, "reset");
    }

    @Override
    public JobReport report() {
        return new JobReport.Inactive(name, type, reason);
    }

    @Override
    public void close() {
    }
}
