/**
 * Test support for integration tests against real database servers:
 * {@link org.jzrepl.testing.db.PostgresServer} and {@link org.jzrepl.testing.db.MariaDbServer}
 * start a private server per test class on 127.0.0.1 (a free port, a temporary directory) and
 * remove it after. One instance per test class (a static field); skipped when the binaries are
 * missing, unless {@code CI} is set.
 */
package org.jzrepl.testing.db;
