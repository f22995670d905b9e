package org.jzrepl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The soak's own grid oracle against hand-worked cases. */
class SoakGridTest {
    private final SoakGrid grid = new SoakGrid("1x10s(keep=all) | 3x10s | 2x30s", "^soak_");

    @Test
    void bucketsFromTheYoungestKeepTheirOldest() {
        List<SoakGrid.Snap> s = new ArrayList<>();
        for (int t = 0; t <= 120; t += 5) {
            s.add(new SoakGrid.Snap("soak_" + t, 1000 + t));
        }
        s.add(new SoakGrid.Snap("other", 1200));
        // now = 1120; ages: 0,5 all; [10,20): 15 (t=105) and 10 (t=110): oldest t=105; [20,30): t=95;
        // [30,40): t=85; [40,70): t=55..80, oldest t=55; [70,100): t=25..50, oldest t=25; older gone
        assertEquals(Set.of("soak_120", "soak_115", "soak_105", "soak_95", "soak_85", "soak_55", "soak_25"),
                grid.keeps(s));
    }

    @Test
    void keepCountsAndNothingMatching() {
        SoakGrid g = new SoakGrid("2x1m(keep=2)", "^a");
        List<SoakGrid.Snap> s = List.of(new SoakGrid.Snap("a1", 0), new SoakGrid.Snap("a2", 10),
                new SoakGrid.Snap("a3", 20), new SoakGrid.Snap("a4", 70), new SoakGrid.Snap("b", 500));
        // now = 70: [0,60) holds a4 (age 0) and a3 (50); [60,120) a2 (60) and a1 (70); keep=2 keeps all
        assertEquals(Set.of("a1", "a2", "a3", "a4"), g.keeps(s));
        assertEquals(Set.of(), g.keeps(List.of(new SoakGrid.Snap("b", 1))));
        assertEquals(Set.of("a9"), new SoakGrid("1x1s", "^a").keeps(List.of(new SoakGrid.Snap("a9", 5))));
    }
}
