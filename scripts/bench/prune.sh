#!/usr/bin/env bash
# Prune benchmark: a whole prune run (listing, keep rules, protection, destroy requests through the
# sender endpoint) over a canned pool of 1,000 and 2,000 filesystems x 100 snapshots, median of 5
# runs after warm-up. The canned pool stands in for zfs; the time spent in it is printed apart
# from jzrepl's, with the number of zfs calls a real run would make.
# Last line: prune: <A> ms for 100k snapshots, 200k: <B> ms, growth: <B/A>
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench/lib/mvn.sh
mvn_q test-compile >&2
exec java -XX:+UseSerialGC -Xms1536m -Xmx1536m -Xmn768m \
  -cp target/classes:target/test-classes org.jzrepl.bench.PruneBench "$@"
