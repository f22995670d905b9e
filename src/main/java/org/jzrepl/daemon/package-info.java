/**
 * The daemon: lifecycle and supervision of all jobs of one config.
 *
 * <p><b>Role.</b> Starts logging, metrics, the control socket and every job; stops them in reverse
 * order on SIGTERM/SIGINT. Sub-packages: {@code control} (HTTP/JSON over a private unix socket),
 * {@code status} (immutable report records), {@code metrics} (Prometheus text format).
 *
 * <p><b>Threading.</b> The main thread supervises; each job and each server has its own thread(s).
 *
 * <p><b>Ownership.</b> The daemon owns every job and server it started and closes them on shutdown,
 * bounded in time.
 *
 * <p><b>Dependencies.</b> {@code job} and everything below it; never {@code cli}.
 */
package org.jzrepl.daemon;
