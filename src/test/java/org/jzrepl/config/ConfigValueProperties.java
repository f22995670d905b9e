package org.jzrepl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Value types print text that parses back to the same value; cron's next() is the first match. */
class ConfigValueProperties {

    @Property
    void durationsFormatAndParseBack(@ForAll @LongRange(min = 0, max = 9_000_000_000L) long seconds,
                                     @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                                     @ForAll boolean whole) {
        Duration d = Duration.ofSeconds(seconds, whole ? 0 : nanos);
        assertEquals(d, Durations.parseFlexible(Durations.format(d)));
        if (whole) {
            assertEquals(d, Durations.parse(Durations.format(d)), "whole seconds print in zrepl's form");
        }
    }

    @Property
    void byteSizesFormatAndParseBack(@ForAll @LongRange(min = -1, max = Long.MAX_VALUE / 2) long bits) {
        ByteSize s = new ByteSize(bits);
        assertEquals(s, ByteSize.parse(s.format()));
    }

    @Property
    void gridsFormatAndParseBack(@ForAll("grids") GridSpec g) {
        assertEquals(g, GridSpec.parse(g.format()));
        assertEquals(g.groups().stream().mapToInt(GridSpec.Group::count).sum(), g.expanded().size());
    }

    @Provide
    Arbitrary<GridSpec> grids() {
        Arbitrary<Integer> counts = Arbitraries.integers().between(1, 50);
        Arbitrary<Integer> keeps = Arbitraries.integers().between(-1, 5).filter(k -> k != 0);
        Arbitrary<Long> lengths = Arbitraries.longs().between(1, 400 * 86_400L);
        return Combinators.combine(counts, lengths, keeps).as((c, l, k) -> new long[] {c, l, k}).list().ofMinSize(1)
                .ofMaxSize(6).map(raw -> {
                    List<GridSpec.Group> groups = new ArrayList<>();
                    raw.stream().sorted((a, b) -> Long.compare(a[1], b[1])).forEach(r ->
                            groups.add(new GridSpec.Group((int) r[0], Duration.ofSeconds(r[1]), (int) r[2])));
                    return new GridSpec(groups);
                });
    }

    @Property(tries = 60)
    void cronNextIsTheFirstMatchingSecondAfter(@ForAll("cronLines") String line,
                                               @ForAll @LongRange(min = 0, max = 400_000_000L) long offset) {
        CronSpec c = CronSpec.parse(line);
        ZonedDateTime after = ZonedDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).plusSeconds(offset);
        ZonedDateTime next = c.next(after);
        assertTrue(next.isAfter(after));
        assertTrue(c.matches(next.toLocalDateTime()), line + " does not match " + next);
        for (LocalDateTime t = after.toLocalDateTime().plusSeconds(1); t.isBefore(next.toLocalDateTime());
                t = t.plusSeconds(1)) {
            assertTrue(!c.matches(t), line + " matched " + t + " before " + next);
        }
    }

    @Provide
    Arbitrary<String> cronLines() {
        Arbitrary<String> minutes = Arbitraries.of("*", "*/7", "0", "15,45", "5-10", "59");
        Arbitrary<String> hours = Arbitraries.of("*", "*/5", "3", "0-2,22", "12");
        Arbitrary<String> second = Arbitraries.of("", "0 ", "*/20 ", "30 ");
        return Combinators.combine(second, minutes, hours).as((s, m, h) -> s + m + " " + h + " * * *");
    }
}
