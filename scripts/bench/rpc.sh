#!/usr/bin/env bash
# RPC stream throughput vs a raw socket copy, two JVMs over AF_UNIX, interleaved rounds.
# Usage: scripts/bench.sh rpc [BYTES_MIB=2048] [ROUNDS=25] [BUFFER_KIB=1024]
# Each round also prints the CPU time both processes spent per GiB (from /proc; less distorted by
# other load than throughput) and the run prints the round-trip latency of a small JSON call.
# Last line: "rpc: <X> MiB/s, raw: <Y> MiB/s, ratio: <R>" (medians over the rounds; target R >= 0.95).
# 25 rounds by default: on 2 cores a single round of either path swings 0.5-2x with how the two
# processes happen to be scheduled, and medians of 5-9 rounds still moved 0.89-1.32 between runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
mib=${1:-2048}
rounds=${2:-25}
buf_kib=${3:-1024}
source scripts/bench/lib/mvn.sh
mvn_q test-compile
mvn_q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime
cp="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
dir=$(mktemp -d /tmp/jzrepl-rpc-bench.XXXXXX)
jvm=(java -Xms256m -Xmx256m -XX:+UseParallelGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp")
"${jvm[@]}" org.jzrepl.bench.RpcBench server "$dir" $((buf_kib * 1024)) &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 100); do [ -e "$dir/ready" ] && break; sleep 0.1; done
[ -e "$dir/ready" ] || { echo "bench server did not start" >&2; exit 1; }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
"${jvm[@]}" org.jzrepl.bench.RpcBench client "$dir" $((mib * 1024 * 1024)) "$rounds" $((buf_kib * 1024)) "$server" > "$dir/out"
head -n -1 "$dir/out"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
tail -n 1 "$dir/out"
