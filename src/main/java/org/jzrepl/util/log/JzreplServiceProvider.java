package org.jzrepl.util.log;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * jzrepl's slf4j binding (META-INF/services): loggers that write through {@link Logging}'s
 * outlets; the MDC is slf4j's basic one (inherited by child threads), holding {@link LogContext}.
 */
public final class JzreplServiceProvider implements SLF4JServiceProvider {
    private ILoggerFactory loggers;
    private IMarkerFactory markers;
    private MDCAdapter mdc;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        ConcurrentMap<String, Logger> all = new ConcurrentHashMap<>();
        loggers = name -> all.computeIfAbsent(name, JzreplLogger::new);
        markers = new BasicMarkerFactory();
        mdc = new BasicMDCAdapter();
    }
}
