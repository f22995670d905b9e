package org.jzrepl.job;

/**
 * What a job's snapshotter reports for status.
 *
 * @param type         periodic, cron or manual
 * @param state        where the snapshotter is
 * @param nextTickAt   RFC 3339 time of the next tick, null when none is planned
 * @param ticks        ticks taken since the daemon started
 * @param skippedTicks cron ticks skipped because the previous tick still ran
 * @param lastTick     the last tick's report (names, per-filesystem results, hook results), null before one
 * @param error        why the last tick or the sync-up failed, or why ticks were skipped; null when none
 */
public record SnapshotterReport(String type, State state, String nextTickAt, long ticks, long skippedTicks,
                                Object lastTick, String error) {

    public enum State { MANUAL, SYNCING_UP, WAITING, SNAPSHOTTING, STOPPED }
}
