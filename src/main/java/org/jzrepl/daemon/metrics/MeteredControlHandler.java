package org.jzrepl.daemon.metrics;

import io.prometheus.metrics.core.metrics.Histogram;
import java.util.function.Supplier;
import org.jzrepl.daemon.control.ControlHandler;
import org.jzrepl.daemon.control.SignalOp;

/**
 * The control socket's handler, counted as zrepl counts it: {@value MetricNames#CONTROL_BEGIN} and
 * {@value MetricNames#CONTROL_FINISHED} per endpoint ({@code /status}, {@code /version},
 * {@code /signal}, {@code /prune}, {@code /trace}). A refused signal is counted too.
 */
final class MeteredControlHandler implements ControlHandler {
    private final ControlHandler inner;
    private final UntypedCounter begin;
    private final Histogram finished;

    MeteredControlHandler(ControlHandler inner, UntypedCounter begin, Histogram finished) {
        this.inner = inner;
        this.begin = begin;
        this.finished = finished;
    }

    static UntypedCounter newBegin() {
        return new UntypedCounter(MetricNames.CONTROL_BEGIN, "number of request we started to handle", "endpoint");
    }

    static Histogram newFinished() {
        return Histogram.builder().name(MetricNames.CONTROL_FINISHED).help("time it took a request to finish")
                .labelNames("endpoint").classicUpperBounds(MetricNames.CONTROL_BUCKETS).classicOnly().build();
    }

    @Override
    public Object status() {
        return timed("/status", inner::status);
    }

    @Override
    public String version() {
        return timed("/version", inner::version);
    }

    @Override
    public void signal(String job, SignalOp op) throws UnknownJobException {
        timedChecked("/signal", () -> {
            inner.signal(job, op);
            return null;
        });
    }

    @Override
    public Object pruneDryRun(String job, String filesystem) throws UnknownJobException {
        return timedChecked("/prune", () -> inner.pruneDryRun(job, filesystem));
    }

    @Override
    public Object traceStart(String path, boolean force, long maxBytes) throws java.io.IOException {
        begin.inc("/trace");
        long t0 = System.nanoTime();
        try {
            return inner.traceStart(path, force, maxBytes);
        } finally {
            finished.labelValues("/trace").observe((System.nanoTime() - t0) / 1e9);
        }
    }

    @Override
    public Object traceStop() {
        return timed("/trace", inner::traceStop);
    }

    /** A handler call that may name an unknown job. */
    @FunctionalInterface
    private interface Call<T> {
        T call() throws UnknownJobException;
    }

    private <T> T timedChecked(String endpoint, Call<T> call) throws UnknownJobException {
        begin.inc(endpoint);
        long t0 = System.nanoTime();
        try {
            return call.call();
        } finally {
            finished.labelValues(endpoint).observe((System.nanoTime() - t0) / 1e9);
        }
    }

    private <T> T timed(String endpoint, Supplier<T> call) {
        begin.inc(endpoint);
        long t0 = System.nanoTime();
        try {
            return call.get();
        } finally {
            finished.labelValues(endpoint).observe((System.nanoTime() - t0) / 1e9);
        }
    }
}
