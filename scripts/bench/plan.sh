#!/usr/bin/env bash
# Plan benchmark: the replication planner on canned `zfs list` output of 1,000 and 2,000
# filesystems x 100 snapshots (parse + plan, and plan alone), median of 5 runs after warm-up;
# wall clock, thread CPU and GC time are printed. The last line uses the thread CPU time of
# parse + plan (no GC runs during a timed run, so it equals wall clock on an idle machine).
# Last line: plan: <A> ms for 100k versions, <B> ms for 200k, growth: <B/A>
# Targets: A < 5000 ms, growth <= 2.2.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench/lib/mvn.sh
mvn_q test-compile >&2
# Serial GC with a young generation large enough that neither size collects during a timed run:
# the figures measure the planner, not where a GC threshold happens to fall (GC time is printed).
exec java -XX:+UseSerialGC -Xms1536m -Xmx1536m -Xmn768m \
  -cp target/classes:target/test-classes org.jzrepl.bench.PlanBench "$@"
