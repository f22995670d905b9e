package org.jzrepl.cli.status;

import java.util.Optional;

/**
 * Turns the characters a terminal sends in raw mode into {@link Key}s. Escape sequences (arrows,
 * page keys: {@code ESC [ A}, {@code ESC [ 5 ~}, {@code ESC O B}) arrive as several characters;
 * a lone Escape is told apart by the caller, who calls {@link #flush} when no further character
 * came within a short wait. Other control characters become {@link Key.Special#OTHER}, so
 * nothing the terminal sends is ever drawn as is.
 */
final class KeyDecoder {
    private final StringBuilder pending = new StringBuilder();

    /** Feeds one character; returns a key when it completes one. */
    Optional<Key> feed(int c) {
        if (pending.length() > 0) {
            pending.append((char) c);
            return sequence();
        }
        return switch (c) {
            case 27 -> {
                pending.append((char) c);
                yield Optional.empty();
            }
            case '\r', '\n' -> Optional.of(Key.Special.ENTER);
            case '\t' -> Optional.of(Key.Special.TAB);
            case 127, 8 -> Optional.of(Key.Special.BACKSPACE);
            default -> Optional.of(c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate((char) c)
                    ? Key.Special.OTHER : new Key.Char(c));
        };
    }

    /** No more input came: a pending lone Escape is the Escape key. */
    Optional<Key> flush() {
        if (pending.length() == 0) {
            return Optional.empty();
        }
        boolean lone = pending.length() == 1;
        pending.setLength(0);
        return Optional.of(lone ? Key.Special.ESCAPE : Key.Special.OTHER);
    }

    /** Whether an escape sequence is under way (the caller should wait briefly for its rest). */
    boolean pending() {
        return pending.length() > 0;
    }

    private Optional<Key> sequence() {
        String s = pending.toString();
        if (s.length() == 2) {
            char second = s.charAt(1);
            if (second == '[' || second == 'O') {
                return Optional.empty();
            }
            pending.setLength(0);
            return Optional.of(second == 27 ? Key.Special.ESCAPE : Key.Special.OTHER); // Alt+key: ignored
        }
        char last = s.charAt(s.length() - 1);
        boolean done = (last >= 'A' && last <= 'Z') || last == '~' || last >= 'a' && last <= 'z' || s.length() > 16;
        if (!done) {
            return Optional.empty();
        }
        pending.setLength(0);
        return Optional.of(switch (s.substring(2)) {
            case "A" -> Key.Special.UP;
            case "B" -> Key.Special.DOWN;
            case "5~" -> Key.Special.PAGE_UP;
            case "6~" -> Key.Special.PAGE_DOWN;
            default -> Key.Special.OTHER;
        });
    }
}
