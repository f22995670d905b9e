/**
 * The {@code local} transport: {@link org.jzrepl.transport.local.LocalSwitchboard} joins an active
 * and a passive job of the same daemon through two OS pipes. The daemon owns one switchboard;
 * wires belong to whoever dialed or accepted them.
 */
package org.jzrepl.transport.local;
