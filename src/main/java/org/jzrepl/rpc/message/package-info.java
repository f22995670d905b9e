/**
 * Message layer of the jzrepl RPC: the call header records ({@link
 * org.jzrepl.rpc.message.RequestHeader}, {@link org.jzrepl.rpc.message.ResponseHeader}), which
 * body parts follow ({@link org.jzrepl.rpc.message.BodyKind}), their JSON codec, and the typed
 * call failure {@link org.jzrepl.rpc.message.RpcRemoteException} with its codes.
 *
 * <p>A bad call header is a protocol error (the connection cannot know what follows); a bad
 * body or an unknown endpoint is a call error, answered with a code while the connection goes
 * on. Values here are immutable and thread-safe; the codec holds no per-call state.
 */
package org.jzrepl.rpc.message;
