package org.jzrepl.cli.status;

/**
 * One key press as the screen sees it: a printable character, or one of the few special keys it
 * acts on. {@link KeyDecoder} makes them from the terminal's input.
 */
sealed interface Key {
    /** A printable character (a code point). */
    record Char(int codePoint) implements Key {
    }

    /** Enter, Escape, Backspace, Tab, the arrows and page keys. */
    enum Special implements Key { ENTER, ESCAPE, BACKSPACE, TAB, UP, DOWN, PAGE_UP, PAGE_DOWN, OTHER }

    static Key of(char c) {
        return new Char(c);
    }
}
