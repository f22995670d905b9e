/**
 * jzrepl's RPC: one framed protocol for control calls and zfs data streams.
 *
 * <pre>
 *   endpoint interface  (Sender, Receiver, ...: plain Java methods)
 *        |  RpcClient.proxy (java.lang.reflect.Proxy)    RpcServer.serve (reflection)
 *   rpc          call = request HEADER + body, response HEADER + body; one call at a time
 *   rpc.message  RequestHeader / ResponseHeader JSON, BodyKind, RpcRemoteException codes
 *   rpc.stream   body part = DATA* [ERROR_TRAILER] END   (JSON part, or a byte stream)
 *   rpc.frame    8-byte typed frames, caps, HEARTBEAT, CLOSE/CLOSE_ACK, RST   (Frames)
 *   handshake    "JZRP" + "jzrepl-rpc version=1 extensions=", both directions, 10 s
 *   byte channels: stdinserver pipes, SSH channel, socketpair, TCP (any blocking pair)
 * </pre>
 *
 * <h2>Use</h2>
 * <pre>{@code
 * RpcConnection c = RpcConnection.open(in, out, wire, RpcSettings.defaults(runner)); // handshake
 * Sender sender = RpcClient.proxy(Sender.class, c);        // active side
 * RpcServer.serve(c, Sender.class, new ZfsSender(...));   // passive side; returns on CLOSE
 * c.close();                                               // CLOSE, CLOSE_ACK, close channels
 * }</pre>
 * An endpoint method takes (), (Request), (InputStream) or (Request, InputStream) and returns
 * void, a JSON value, an {@link java.io.InputStream} or {@link org.jzrepl.rpc.Streamed}; it
 * declares {@code throws IOException}. The implementation signals a call failure by throwing
 * {@link org.jzrepl.rpc.message.RpcRemoteException} (or a subclass) with a code; the client
 * rethrows subclasses named by {@link org.jzrepl.rpc.RemoteExceptions} on the interface (or in a
 * method's throws clause) as themselves. A request stream handed to the implementation is
 * valid until the method returns; what it has not read by then is drained and discarded (the
 * whole stream still crosses the wire; to stop a big upload early, the client aborts).
 *
 * <h2>Failures, and what the caller can do</h2>
 * <ul>
 *   <li>{@link org.jzrepl.rpc.message.RpcRemoteException}: the call failed, the connection is fine.</li>
 *   <li>{@link org.jzrepl.rpc.stream.StreamException}: a byte stream's producer died; the
 *       connection is fine.</li>
 *   <li>{@link org.jzrepl.rpc.frame.ProtocolException}: the connection is closed; its code says
 *       whether a new connection is worth trying.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * A connection serves one call at a time. The client's calls run on the caller's thread; a
 * second thread's call waits for the slot, a call from the thread that has not finished reading
 * a response stream fails with IllegalStateException. A response stream may be read on another
 * thread; the slot is released when it reaches END or is closed. The server loop runs on the
 * thread that called {@code serve}, and so does each endpoint invocation. A shared timer thread
 * ({@code jzrepl-rpc-timer}) watches every connection: it sends HEARTBEATs (via a small pool, as
 * a write may block) when nothing was written for the heartbeat interval (the server only while
 * it handles a call, since the client reads only during calls), and closes the connection
 * when a read waits, or a write is blocked, longer than the idle timeout. On a serving connection
 * it also watches the wait for the next call: after the call idle timeout (heartbeats do not
 * count) it sends CLOSE; the serving thread then discards what still arrives until the client's
 * EOF or CLOSE (bounded by the close timeout), runs no call, and {@code serve} returns
 * {@link org.jzrepl.rpc.RpcServer.Ending#IDLE_CLOSED}. Blocking channels only;
 * closing them must unblock a read or write in progress (true of all JDK channels).
 *
 * <h2>Ownership and close</h2>
 * The connection owns the channels: {@code close()} (orderly), {@code abort(reason)} (RST), the
 * watchdog, or a protocol error closes them through the {@code onClose} given to {@code open}.
 * Buffers: one direct stream chunk and two 8-byte header buffers per connection, reused.
 */
package org.jzrepl.rpc;
