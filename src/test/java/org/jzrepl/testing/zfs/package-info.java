/**
 * Test support for real-ZFS integration tests: {@link org.jzrepl.testing.zfs.ZfsTestbed} gives each
 * test class its own pool in the project's testbed VM and helpers to fill and checksum datasets.
 * One instance per test class (a static field); not for concurrent use by parallel tests.
 */
package org.jzrepl.testing.zfs;
