/**
 * Replication reports: immutable records of an attempt, its filesystems and their steps, with
 * byte progress, for {@code jzrepl status}, the control socket (JSON) and metrics.
 *
 * <p><b>Threading.</b> Records only; each {@link org.jzrepl.replication.report.AttemptReport} is
 * a consistent snapshot (its totals are the sums of the parts it contains) and may be shared
 * between threads freely.
 *
 * <p><b>Serialisation.</b> Fields are strings, numbers, booleans, enums and lists; times are RFC
 * 3339 strings. A plain Jackson {@code ObjectMapper} writes and reads them without modules.
 */
package org.jzrepl.replication.report;
