package org.jzrepl.replication.report;

import java.util.Objects;

/**
 * One step of a filesystem: a full or incremental send, possibly resuming a partial receive.
 *
 * @param from            the incremental source ({@code @snap} or {@code #bookmark}), null for a full send
 * @param to              the snapshot sent, {@code @snap}
 * @param resumed         the step continues a partial receive (planned from the receiver's resume token)
 * @param state           pending, running, done or failed
 * @param bytesExpected   zfs's size estimate of the stream, -1 while unknown
 * @param bytesReplicated stream bytes that went from the sender to the receiver so far
 * @param bytesPerSecond  bytesReplicated over the step's elapsed time (up to now while running), 0 before
 * @param startedAt       RFC 3339, null while pending
 * @param finishedAt      RFC 3339, null until done or failed
 * @param error           why the step failed, null otherwise
 * @param fromCreation    RFC 3339 creation time of {@code from} on the sender, null for a full send
 * @param toCreation      RFC 3339 creation time of {@code to} on the sender (replication lag is their difference)
 * @param stalled         its byte count did not move for {@code replication.timeout.stall}: the
 *                        watchdog aborted it, and the next attempt resumes it from its resume token
 */
public record StepReport(String from, String to, boolean resumed, StepState state, long bytesExpected,
                         long bytesReplicated, long bytesPerSecond, String startedAt, String finishedAt,
                         String error, String fromCreation, String toCreation, boolean stalled) {

    public StepReport {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(state, "state");
        if (bytesExpected < -1 || bytesReplicated < 0 || bytesPerSecond < 0) {
            throw new IllegalArgumentException("negative byte count in step report");
        }
    }
}
