package org.jzrepl.cli.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.jzrepl.cli.status.Interaction.Action;
import org.jzrepl.daemon.control.SignalOp;

class InteractionTest {
    static final List<String> JOBS = List.of("a", "b", "c");

    static Interaction.Outcome press(ViewState s, Key... keys) {
        Interaction.Outcome o = new Interaction.Outcome(s, new Action.Redraw());
        for (Key k : keys) {
            o = Interaction.press(o.state(), k, JOBS, 10);
        }
        return o;
    }

    static ViewState onA() {
        return ViewState.initial().withJob("a");
    }

    @Test
    void qQuits() {
        assertInstanceOf(Action.Quit.class, press(onA(), Key.of('q')).action());
    }

    @Test
    void nAndTabSelectTheNextJobAndWrap() {
        assertEquals("b", press(onA(), Key.of('n')).state().job());
        assertEquals("c", press(onA(), Key.of('n'), Key.Special.TAB).state().job());
        assertEquals("a", press(onA(), Key.of('n'), Key.of('n'), Key.of('n')).state().job());
        assertEquals("a", press(ViewState.initial().withJob("gone"), Key.of('n')).state().job());
    }

    @Test
    void slashTypesAFilterThatEnterKeepsAndEscapeClears() {
        Interaction.Outcome typing = press(onA(), Key.of('/'), Key.of('d'), Key.of('x'), Key.Special.BACKSPACE,
                Key.of('a'));
        assertEquals(ViewState.Mode.FILTER, typing.state().mode());
        assertEquals("da", typing.state().filter());
        ViewState kept = press(typing.state(), Key.Special.ENTER).state();
        assertEquals(ViewState.Mode.BROWSE, kept.mode());
        assertEquals("da", kept.filter());
        assertEquals("", press(kept, Key.Special.ESCAPE).state().filter(), "Esc while browsing clears too");
        assertEquals("", press(typing.state(), Key.Special.ESCAPE).state().filter());
        assertEquals("dq", press(typing.state(), Key.Special.BACKSPACE, Key.of('q')).state().filter(),
                "q while typing is a letter, not quit");
    }

    @Test
    void wakeupAndResetAskForConfirmationAndOnlyYesSends() {
        Interaction.Outcome asked = press(onA(), Key.of('n'), Key.of('w'));
        assertEquals(ViewState.Mode.CONFIRM, asked.state().mode());
        assertEquals(new Action.Signal("b", SignalOp.WAKEUP), press(asked.state(), Key.of('y')).action());
        Interaction.Outcome no = press(asked.state(), Key.of('n'));
        assertInstanceOf(Action.Redraw.class, no.action());
        assertEquals("wakeup cancelled", no.state().message());
        assertEquals(new Action.Signal("a", SignalOp.RESET), press(onA(), Key.of('r'), Key.of('Y')).action());
        assertInstanceOf(Action.Redraw.class, press(onA(), Key.of('r'), Key.Special.ENTER).action());
    }

    @Test
    void arrowsAndPageKeysScrollNotBelowZero() {
        assertEquals(11, press(onA(), Key.Special.DOWN, Key.Special.PAGE_DOWN).state().scroll());
        assertEquals(0, press(onA(), Key.Special.UP, Key.Special.PAGE_UP).state().scroll());
    }

    @Test
    void filterLengthIsBounded() {
        Key[] keys = new Key[Interaction.MAX_FILTER + 11];
        keys[0] = Key.of('/');
        java.util.Arrays.fill(keys, 1, keys.length, Key.of('x'));
        assertEquals(Interaction.MAX_FILTER, press(onA(), keys).state().filter().length());
    }
}
