#!/usr/bin/env bash
# Driver benchmark: the replication driver on in-memory endpoints against a plain loop making the
# same calls (stream throughput, per-step bookkeeping), and its step concurrency on latency-bound
# steps. Median of 5 runs after 2 warm-ups, driver and loop interleaved.
# Last line: driver: stream x<ratio>, per-step +<us> us, speed-up x<s4> (4 steps), x<s8> (8 steps)
# Targets: stream ratio <= 1.10, per-step overhead < 500 us, speed-up >= 3.5 (4) and >= 6.5 (8).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench/lib/mvn.sh
mvn_q test-compile >&2
mvn_q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
exec java -Xms512m -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.jzrepl.replication.driver.bench.DriverBench "$@"
