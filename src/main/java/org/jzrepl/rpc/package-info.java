/**
 * The one framed protocol between jzrepl processes: version handshake, a client that is a dynamic
 * proxy of an endpoint interface, and a server that dispatches calls to an implementation of it.
 *
 * <pre>
 *   Endpoint interface (endpoint)     e.g. Sender.send(SendRequest) -> SendResponse + stream
 *         |  RpcClient: java.lang.reflect.Proxy   |  RpcServer: reflection dispatch
 *   rpc.message   request header (JSON), body JSON | byte stream; response header (status, error)
 *   rpc.stream    byte stream cut into data frames, END or ERROR-TRAILER
 *   rpc.frame     typed, length-checked frames; heartbeat; RST
 *   transport     Wire: two blocking byte channels with half-close
 * </pre>
 *
 * <p><b>Role.</b> A call is: request header, request body, response header, response body; one call
 * at a time per connection, concurrency by more connections. Adding a call means adding a method to
 * the endpoint interface; there are no stubs.
 *
 * <p><b>Threading.</b> A connection is used by one caller at a time; a heartbeat thread per
 * connection writes keep-alive frames, under the frame writer's lock.
 *
 * <p><b>Ownership.</b> A client or server connection owns its wire and closes it. Teardown is
 * stack-wise: finish or abort the call, then the message layer, then the frames, then the wire.
 *
 * <p><b>Dependencies.</b> May use {@code transport} only (tunables come in as values); never
 * {@code endpoint} implementations or anything above.
 */
package org.jzrepl.rpc;
