/**
 * {@link org.jzrepl.zfs.Zfs} on the real zfs binary: {@link org.jzrepl.zfs.cmd.ZfsRunner} starts
 * processes from an injected binary path (the daemon's config, or the testbed's wrapper directory),
 * bounds stderr, meters every command into a {@link org.jzrepl.zfs.cmd.ZfsMeter}; parsers turn
 * output into values at this boundary and {@link org.jzrepl.zfs.cmd.ZfsErrorParser} turns stderr
 * into typed exceptions; {@link org.jzrepl.zfs.cmd.ZfsCli} ties them to the typed API, a facade over one package-private
 * {@code *Commands} class per concern (listings, datasets, holds, streams, properties).
 *
 * <p>Threading: {@code ZfsCli} and {@code ZfsRunner} are stateless and thread-safe. Each command
 * uses one or two short-lived daemon threads to drain its pipes. A started command is owned by its
 * caller, who must {@code await} or kill it; nothing here outlives the call that started it except
 * a {@code SendStream} handed to the caller.
 */
package org.jzrepl.zfs.cmd;
