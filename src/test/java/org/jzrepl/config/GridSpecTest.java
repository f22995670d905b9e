package org.jzrepl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GridSpecTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "1x1h(keep=all) | 24x1h | 14x1d;1x1h(keep=all) | 24x1h | 14x1d;39;PT361H",
        " 24 x 1h ;24x1h;24;PT24H",
        "1x1h(keep=all)|1x1h(keep=3)|2x1d;1x1h(keep=all) | 1x1h(keep=3) | 2x1d;4;PT50H",
        "1x1d | 1x1d;1x1d | 1x1d;2;PT48H",
        "6x30d;6x30d;6;PT4320H",
        "1x1h( keep = 7 );1x1h(keep=7);1;PT1H"})
    void parsesAndFormats(String text, String normalized, int intervals, String span) {
        GridSpec g = GridSpec.parse(text);
        assertEquals(normalized, g.format());
        assertEquals(intervals, g.expanded().size());
        assertEquals(Duration.parse(span), g.span());
        assertEquals(g, GridSpec.parse(g.format()));
    }

    @Test
    void expandsGroupsNewestFirstWithTheirKeepCounts() {
        GridSpec g = GridSpec.parse("1x1h(keep=all) | 2x1d(keep=2)");
        assertEquals(List.of(new GridSpec.Interval(Duration.ofHours(1), GridSpec.KEEP_ALL),
                new GridSpec.Interval(Duration.ofDays(1), 2), new GridSpec.Interval(Duration.ofDays(1), 2)),
                g.expanded());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "24x1h | 1x1d | 6x1h;interval lengths must not decrease: interval 3 (6x1h) is shorter than interval 2 (1x1d)",
        "0x1h;interval 1 of 1 ('0x1h'): count must be positive",
        "1x0s;interval 1 of 1 ('1x0s'): duration must be positive, got '0s'",
        "1x1h | ;interval 2 of 2 (''): is not N x DURATION[(keep=K|all)], e.g. 24x1h",
        "1x1h(keep=some);interval 1 of 1 ('1x1h(keep=some)'): parameter must be keep=COUNT or keep=all",
        "1x1 hour;interval 1 of 1 ('1x1 hour'): '1 hour' is not a duration (expected an integer and a unit s, m, h, d or w, e.g. 10m)",
        "1x1h(keep=0);interval 1 of 1 ('1x1h(keep=0)'): keep must be at least 1 or all",
        "24h;interval 1 of 1 ('24h') is not N x DURATION[(keep=K|all)], e.g. 24x1h"})
    void rejectsWithReason(String text, String message) {
        assertEquals(message.replace("(''): is", "('') is"),
                assertThrows(IllegalArgumentException.class, () -> GridSpec.parse(text)).getMessage());
    }
}
