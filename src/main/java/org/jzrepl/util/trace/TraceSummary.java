package org.jzrepl.util.trace;

/**
 * A trace file's state: where, how big, how many events.
 *
 * @param path   the file
 * @param bytes  its size once closed
 * @param events events written (metadata and flow events included)
 * @param capped whether it was closed early at its size cap
 */
public record TraceSummary(String path, long bytes, long events, boolean capped) {
}
