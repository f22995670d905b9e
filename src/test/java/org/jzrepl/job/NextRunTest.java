package org.jzrepl.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NextRunTest {
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final Optional<Duration> TEN_MIN = Optional.of(Duration.ofMinutes(10));

    static Stream<Arguments> triggers() {
        return Stream.of(
                Arguments.of("idle job runs at once", true, false, NextRun.NOW),
                Arguments.of("a trigger during a run is kept", true, true, NextRun.AFTER_CURRENT),
                Arguments.of("a closed or unstarted job ignores it", false, false, NextRun.NONE),
                Arguments.of("a closed job ignores it even while its run ends", false, true, NextRun.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("triggers")
    void onTrigger(String why, boolean live, boolean running, NextRun expected) {
        assertEquals(expected, NextRun.onTrigger(live, running), why);
    }

    static Stream<Arguments> afterRuns() {
        return Stream.of(
                Arguments.of("kept trigger runs at once, interval or not", true, true, TEN_MIN, T0, T0.plusSeconds(30),
                        NextRun.NOW),
                Arguments.of("kept trigger without interval", true, true, Optional.empty(), T0, T0, NextRun.NOW),
                Arguments.of("interval counts from the run's start", true, false, TEN_MIN, T0, T0.plusSeconds(90),
                        new NextRun(NextRun.Kind.AT, T0.plus(Duration.ofMinutes(10)))),
                Arguments.of("a run longer than the interval: next at once", true, false, TEN_MIN, T0,
                        T0.plus(Duration.ofMinutes(25)), new NextRun(NextRun.Kind.AT, T0.plus(Duration.ofMinutes(25)))),
                Arguments.of("push/snap: wait for the next tick", true, false, Optional.empty(), T0, T0, NextRun.NONE),
                Arguments.of("closed: nothing, even with a kept trigger", false, true, TEN_MIN, T0, T0, NextRun.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("afterRuns")
    void afterRun(String why, boolean live, boolean kept, Optional<Duration> interval, Instant started, Instant now,
                  NextRun expected) {
        assertEquals(expected, NextRun.afterRun(live, kept, interval, started, now), why);
    }
}
