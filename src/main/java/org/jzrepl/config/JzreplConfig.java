package org.jzrepl.config;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The whole validated config: {@code global} (defaults filled) and the jobs, includes expanded. */
public record JzreplConfig(GlobalConfig global, List<JobConfig> jobs) {
    public JzreplConfig {
        java.util.Objects.requireNonNull(global, "global");
        jobs = List.copyOf(jobs);
        Set<String> names = new HashSet<>();
        for (JobConfig j : jobs) {
            if (!names.add(j.name())) {
                throw new IllegalArgumentException("duplicate job name '" + j.name() + "'");
            }
        }
    }

    public Optional<JobConfig> job(String name) {
        return jobs.stream().filter(j -> j.name().equals(name)).findFirst();
    }
}
