package org.jzrepl.doctor;

import java.util.List;

/** What {@code jzrepl doctor} found for one job ({@code job} null: the host's own checks). */
public record JobFindings(String job, String description, List<Finding> findings) {

    public JobFindings {
        findings = List.copyOf(findings);
    }

    public boolean ok() {
        return findings.stream().allMatch(Finding::ok);
    }
}
