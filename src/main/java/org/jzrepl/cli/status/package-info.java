/**
 * {@code jzrepl status}'s screen and plain dump.
 *
 * <p><b>Shape.</b> Pure parts, tested on text: {@link org.jzrepl.cli.status.ReportDecoder} (the
 * daemon's JSON back into the report records), {@code Rates} (smoothed per-step rates),
 * {@code StatusLayout} with {@code JobLines} and {@code ReplicationLines} (report, view state,
 * rates and clock to lines of a given width and height), {@code Interaction} and
 * {@code KeyDecoder} (keys to the next view state and an action). The thin loop,
 * {@link org.jzrepl.cli.status.StatusScreen}, owns the JLine terminal and the timing.
 *
 * <p><b>Hostile text.</b> Names and errors in the report come from peers and zfs; every one goes
 * through {@code ScreenText.safe} before it is measured or drawn, so none can move the cursor.
 *
 * <p><b>Threading.</b> Everything runs on the caller's thread; nothing here is shared.
 */
package org.jzrepl.cli.status;
