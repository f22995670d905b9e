package org.jzrepl.config;

/** {@code replication.protection.initial|incremental}: what a step protects against concurrent pruning. */
public enum ProtectionGuarantee {
    /** Step holds on from/to: an interrupted step can always resume. zrepl's default. */
    GUARANTEE_RESUMABILITY,
    /** Tentative-cursor bookmarks: the next run can always go incremental, resumability not kept. */
    GUARANTEE_INCREMENTAL,
    /** No holds, no bookmarks during the step. */
    GUARANTEE_NOTHING
}
