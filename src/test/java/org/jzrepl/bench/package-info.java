/**
 * Benchmarks, kept in the test tree so they stay out of the product jar. Each has a main class
 * started by {@code scripts/bench/NAME.sh}; they print figures as ratios against a baseline
 * measured in the same run and assert nothing.
 */
package org.jzrepl.bench;
