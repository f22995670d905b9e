package org.jzrepl.daemon.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * A labelled counter exported as {@code untyped} under its exact name: zrepl's counters have no
 * {@code _total} suffix, which client_java 1.x would add to a {@code Counter} (see
 * {@link MetricNames}). Monotonic: only {@link #add} with a non-negative amount.
 * Thread-safe.
 */
final class UntypedCounter implements Collector {
    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final Map<List<String>, DoubleAdder> values = new ConcurrentHashMap<>();

    UntypedCounter(String name, String help, String... labelNames) {
        this.name = Objects.requireNonNull(name, "name");
        this.help = help;
        this.labelNames = List.of(labelNames);
    }

    /** Adds {@code amount} (at least 0) to the series of {@code labelValues}, in label order. */
    void add(double amount, String... labelValues) {
        if (!(amount >= 0)) {
            throw new IllegalArgumentException(name + ": a counter cannot go down by " + amount);
        }
        if (labelValues.length != labelNames.size()) {
            throw new IllegalArgumentException(name + " takes labels " + labelNames);
        }
        values.computeIfAbsent(List.of(labelValues), k -> new DoubleAdder()).add(amount);
    }

    void inc(String... labelValues) {
        add(1, labelValues);
    }

    /** The current value of one series; 0 if it was never touched. */
    double value(String... labelValues) {
        DoubleAdder a = values.get(List.of(labelValues));
        return a == null ? 0 : a.sum();
    }

    @Override
    public MetricSnapshot collect() {
        UnknownSnapshot.Builder b = UnknownSnapshot.builder().name(name).help(help);
        values.forEach((labels, v) -> b.dataPoint(UnknownSnapshot.UnknownDataPointSnapshot.builder()
                .labels(Labels.of(labelNames, labels)).value(v.sum()).build()));
        return b.build();
    }

    @Override
    public String getPrometheusName() {
        return name;
    }

    @Override
    public MetricMetadata getMetadata() {
        return new MetricMetadata(name, help);
    }
}
