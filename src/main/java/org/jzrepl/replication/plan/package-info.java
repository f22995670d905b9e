/**
 * The replication planner: a pure function from the two sides' filesystem listings to a
 * {@link org.jzrepl.replication.plan.Plan}.
 *
 * <p>Input: what the sender lists ({@link org.jzrepl.replication.plan.SenderFilesystem}), what the
 * receiver lists with its paths already mapped into the sender's namespace
 * ({@link org.jzrepl.replication.plan.ReceiverFilesystem}, with the decoded resume token and the
 * placeholder flag) and a {@link org.jzrepl.replication.plan.PlanPolicy}. Output: per sender
 * filesystem, parents before children, an {@link org.jzrepl.replication.plan.Outcome}: the steps
 * to run (oldest target first), "up to date", "sender placeholder", or a typed
 * {@link org.jzrepl.replication.plan.Conflict} whose message lists both sides' versions and says
 * what the operator can do.
 *
 * <p>Rules (zrepl's, see {@link org.jzrepl.replication.plan.Planner}): each side is sorted by its
 * own createtxg (txgs of two pools are never compared), versions are matched by guid only;
 * a receiver's resume token is resumed first; bookmarks are a {@code from} only and never a
 * {@code to}; receiver bookmarks are ignored for matching; nothing is ever planned for deletion.
 *
 * <p>Threading and ownership: every type here is an immutable value; {@link
 * org.jzrepl.replication.plan.Planner} keeps no state, touches no I/O and may be called from any
 * thread. The driver owns the returned plan and decides how to run it.
 */
package org.jzrepl.replication.plan;
