package org.jzrepl.doctor;

import java.util.Objects;
import org.jzrepl.util.LogText;

/**
 * One result of {@code jzrepl doctor}: about what ({@code subject}: {@code peer}, a filesystem, a
 * directory), whether it is fine, one sentence saying what is the matter, and the command that fixes
 * it (null when fine or when there is none). Every text is escaped here, once: names from zfs and
 * messages from a peer may hold control characters that would otherwise reach the terminal.
 */
public record Finding(String subject, boolean ok, String sentence, String fix) {

    public Finding {
        subject = LogText.escape(Objects.requireNonNull(subject, "subject"));
        sentence = LogText.escape(Objects.requireNonNull(sentence, "sentence"));
        fix = fix == null ? null : LogText.escape(fix);
    }

    static Finding ok(String subject, String sentence) {
        return new Finding(subject, true, sentence, null);
    }

    static Finding problem(String subject, String sentence, String fix) {
        return new Finding(subject, false, sentence, fix);
    }

    /** {@code ok    pool/a: up to date at @s3} or {@code FAIL  pool/b: ...; fix: CMD}. */
    public String line() {
        return (ok ? "ok    " : "FAIL  ") + subject + ": " + sentence + (fix == null ? "" : "; fix: " + fix);
    }
}
