/**
 * The control socket: HTTP with JSON bodies over a private unix socket
 * ({@code global.control.sockpath}), with {@code /status}, {@code /version} and {@code /signal}
 * (wakeup or reset a job); the client the CLI uses to talk to it.
 *
 * <p><b>Threading.</b> The server handles requests on a small pool with short timeouts.
 *
 * <p><b>Ownership.</b> The server owns its socket file and removes it when closed.
 */
package org.jzrepl.daemon.control;
