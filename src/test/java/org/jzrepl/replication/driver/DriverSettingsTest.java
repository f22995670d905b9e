package org.jzrepl.replication.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.jzrepl.config.InitialReplication;
import org.jzrepl.config.ProtectionGuarantee;
import org.jzrepl.config.ReplicationOptions;
import org.jzrepl.replication.plan.PlanPolicy;
import org.junit.jupiter.api.Test;

class DriverSettingsTest {

    @Test
    void fromConfigTakesConcurrencyProtectionAndInitialPolicyWithZreplRetryDefaults() {
        ReplicationOptions opts = new ReplicationOptions(ProtectionGuarantee.GUARANTEE_INCREMENTAL,
                ProtectionGuarantee.GUARANTEE_NOTHING, 3, 2, Duration.ofSeconds(30));
        DriverSettings s = DriverSettings.fromConfig(opts, InitialReplication.ALL);

        assertEquals(3, s.concurrentSteps());
        assertEquals(2, s.sizeEstimates());
        assertEquals(3, s.maxAttempts());
        assertEquals(Duration.ofMinutes(10), s.reconnectWait());
        assertEquals(ProtectionGuarantee.GUARANTEE_INCREMENTAL, s.protection().initial());
        assertEquals(ProtectionGuarantee.GUARANTEE_NOTHING, s.protection().incremental());
        assertEquals(new PlanPolicy(InitialReplication.ALL), s.policy());
        assertEquals(Duration.ofSeconds(30), s.stallTimeout());
    }

    @Test
    void rejectsSettingsThatCannotRun() {
        DriverSettings ok = DriverSettings.fromConfig(ReplicationOptions.DEFAULT, InitialReplication.MOST_RECENT);
        assertThrows(IllegalArgumentException.class, () -> ok.withConcurrentSteps(0));
        assertThrows(IllegalArgumentException.class, () -> ok.withRetries(0, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> ok.withRetries(1, Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> ok.withStallTimeout(Duration.ofSeconds(-1)));
        assertEquals(5, ok.withConcurrentSteps(5).concurrentSteps());
        assertEquals(Duration.ofMinutes(5), ok.stallTimeout());
    }
}
