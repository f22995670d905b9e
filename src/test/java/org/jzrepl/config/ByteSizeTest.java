package org.jzrepl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSizeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "23.5 MiB|197132288", "1 B|8", "1 b|1", "8 bit|8", "1KiB|8192", "1 KB|8000", "100 Mb|100000000",
        "2 GiB|17179869184", "1 TB|8000000000000", "1 Ti B|-", "-1 B|-8", "0.5 B|4", "128 KiB|1048576"})
    void parsesToBits(String text, String bits) {
        if (bits.equals("-")) {
            assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(text));
            return;
        }
        assertEquals(Long.parseLong(bits), ByteSize.parse(text).bits());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"10 MBps", "10", "MiB", "1.2.3 B", "0.1 b", "1.5 bit", "10 kB",
        "99999999999999 TiB"})
    void rejectsMalformedOrInexact(String text) {
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "197132288|23.5 MiB|24641536", "1048576|128 KiB|131072", "8000|1 KB|1000", "8|1 B|1", "3|3 b|0.375",
        "0|0 B|0", "-8|-1 B|-1"})
    void formatsExactlyAndReportsBytes(long bits, String ignoredInput, double bytes) {
        ByteSize s = new ByteSize(bits);
        assertEquals(s, ByteSize.parse(s.format()));
        assertEquals(bytes, s.bytes());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1048576|128 KiB", "8000|1 KB", "24|3 B", "3|3 b", "8388608|1 MiB"})
    void formatPicksLargestDividingUnit(long bits, String text) {
        assertEquals(text, new ByteSize(bits).format());
    }
}
