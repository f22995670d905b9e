package org.jzrepl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10s|PT10S", "10m|PT10M", " 2 h |PT2H", "1d|PT24H", "2w|PT336H", "0|PT0S", "-5m|PT-5M", "+3s|PT3S"})
    void parsesZreplForm(String text, String iso) {
        assertEquals(Duration.parse(iso), Durations.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10|'10' lacks a time unit (s, m, h, d or w)",
        "10ms|'10ms' is not a duration (expected an integer and a unit s, m, h, d or w, e.g. 10m)",
        "1.5h|'1.5h' is not a duration (expected an integer and a unit s, m, h, d or w, e.g. 10m)",
        "1h30m|'1h30m' is not a duration (expected an integer and a unit s, m, h, d or w, e.g. 10m)",
        "99999999999999999999s|'99999999999999999999s' is out of range"})
    void rejectsWhatZreplRejects(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Durations.parse(text)).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0s", "0", "-1m"})
    void positiveRejectsZeroAndNegative(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parsePositive(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1h30m|PT1H30M", "500ms|PT0.5S", "1.5s|PT1.5S", "2us|PT0.000002S", "10s|PT10S", "1d|PT24H", "0|PT0S"})
    void flexibleAlsoTakesGoForm(String text, String iso) {
        assertEquals(Duration.parse(iso), Durations.parseFlexible(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1 h 30 m", "h", "10x", "--1s"})
    void flexibleRejectsGarbage(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parseFlexible(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "PT0S|0s", "PT10S|10s", "PT90S|90s", "PT10M|10m", "PT1H|1h", "PT48H|2d", "PT336H|2w", "PT0.5S|500ms",
        "PT1.000002S|1000002us", "PT0.000000001S|1ns"})
    void formatsShortestExactAndParsesBack(String iso, String text) {
        Duration d = Duration.parse(iso);
        assertEquals(text, Durations.format(d));
        assertEquals(d, Durations.parseFlexible(text));
    }
}
