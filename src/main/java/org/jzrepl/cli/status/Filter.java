package org.jzrepl.cli.status;

import java.util.Locale;

/** The screen's filesystem filter: a case-insensitive substring of the path; empty shows all. */
record Filter(String text) {
    Filter {
        text = text == null ? "" : text;
    }

    boolean isEmpty() {
        return text.isEmpty();
    }

    boolean matches(String path) {
        return text.isEmpty() || path.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
    }

    /** The filter as drawn: quoted and escaped (it was typed, but may hold anything). */
    String shown() {
        return "\"" + ScreenText.safe(text) + "\"";
    }
}
