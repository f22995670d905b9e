package org.jzrepl.replication.driver;

import java.time.Duration;
import org.jzrepl.config.InitialReplication;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.endpoint.Messages.ReplicationConfig;
import org.jzrepl.replication.plan.PlanPolicy;
import org.jzrepl.replication.report.AttemptReport;
import org.jzrepl.replication.report.FilesystemReport;
import org.jzrepl.testing.runtime.Runners;

/** Settings and lookups shared by the driver tests. */
final class Drivers {

    static final ReplicationConfig PROTECTION = new ReplicationConfig(ProtectionGuarantee.GUARANTEE_RESUMABILITY,
            ProtectionGuarantee.GUARANTEE_INCREMENTAL);

    private Drivers() {
    }

    /** {@code steps} workers, no size estimates, 3 attempts, reconnect within 2 s. */
    static DriverSettings settings(int steps) {
        return new DriverSettings(steps, 0, 3, Duration.ofSeconds(2), PROTECTION, PlanPolicy.DEFAULT);
    }

    static DriverSettings settings(int steps, InitialReplication initial) {
        return new DriverSettings(steps, 0, 3, Duration.ofSeconds(2), PROTECTION, new PlanPolicy(initial));
    }

    static ReplicationDriver driver(FakeConnector connector, DriverSettings settings) {
        return new ReplicationDriver(connector, settings, Runners.shared());
    }

    static FilesystemReport fs(AttemptReport report, String path) {
        return report.filesystems().stream().filter(f -> f.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(path + " not in report " + report));
    }
}
