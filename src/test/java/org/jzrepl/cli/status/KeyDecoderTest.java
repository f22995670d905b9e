package org.jzrepl.cli.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyDecoderTest {

    /** Feeds {@code input} (with {@code \e} for ESC) and flushes at the end, as after a quiet wait. */
    static List<Key> decode(String input) {
        KeyDecoder d = new KeyDecoder();
        List<Key> keys = new ArrayList<>();
        for (char c : input.replace("\\e", "\u001b").replace("\\r", "\r").replace("\\t", "\t")
                .replace("\\b", "\u007f").replace("\\0", "\u0000").toCharArray()) {
            d.feed(c).ifPresent(keys::add);
        }
        d.flush().ifPresent(keys::add);
        return keys;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "q           | [Char[codePoint=113]]",
        "\\r         | [ENTER]",
        "\\t         | [TAB]",
        "\\b         | [BACKSPACE]",
        "\\e         | [ESCAPE]",
        "\\e[A       | [UP]",
        "\\eOB       | [DOWN]",
        "\\e[5~      | [PAGE_UP]",
        "\\e[6~      | [PAGE_DOWN]",
        "\\e[1;5C/   | [OTHER, Char[codePoint=47]]",
        "\\ex        | [OTHER]",
        "\\0         | [OTHER]",
        "\\e\\e      | [ESCAPE]",
    })
    void decodes(String input, String keys) {
        assertEquals(keys, decode(input.strip()).toString());
    }

    @org.junit.jupiter.api.Test
    void aLoneEscapeWaitsForTheFlush() {
        KeyDecoder d = new KeyDecoder();
        assertEquals(Optional.empty(), d.feed(27));
        assertEquals(true, d.pending());
        assertEquals(Optional.of(Key.Special.ESCAPE), d.flush());
    }
}
