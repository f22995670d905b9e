package org.jzrepl.cli.status;

/** The screen's own non-ASCII marks, spelt in ASCII for a terminal whose encoding is not UTF-8. */
final class Ascii {
    private Ascii() {
    }

    static String of(String line) {
        StringBuilder b = new StringBuilder(line.length());
        line.codePoints().forEach(cp -> {
            switch (cp) {
                case '…' -> b.append('~'); // one column, as the line was fitted with it
                case '→' -> b.append("->");
                case '▏' -> b.append('_');
                case '↑' -> b.append('^');
                case '↓' -> b.append('v');
                default -> b.appendCodePoint(cp < 0x80 ? cp : '?');
            }
        });
        return b.toString();
    }
}
