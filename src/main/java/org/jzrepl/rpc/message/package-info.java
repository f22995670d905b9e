/**
 * The message layer: request and response headers (JSON of one fixed structure), JSON bodies
 * typed from the endpoint method's signature, and the protocol's error codes.
 *
 * <p><b>Threading.</b> Stateless codecs; safe to share.
 *
 * <p><b>Ownership.</b> Decoded messages are immutable records owned by the caller.
 */
package org.jzrepl.rpc.message;
