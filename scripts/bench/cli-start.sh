#!/usr/bin/env bash
# Start-up time of short jzrepl commands (what the stdinserver forced command pays on every SSH
# connection), as ratios against plain `java -jar ... version` measured in the same run, runs
# interleaved. `version` goes through picocli; `stdinserver IDENT` takes Main's fast path (without
# /etc/jzrepl/jzrepl.yml it answers with its error banner at once: start-up alone is measured).
# Usage: scripts/bench.sh cli-start [RUNS]   (default 20 runs per variant)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-20}
if [ ! -f target/jzrepl.jar ]; then
  source scripts/bench/lib/mvn.sh
  mvn_q package -DskipTests >&2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp target/jzrepl.jar "$tmp/jzrepl.jar"
# The class-data archives and the native library for the copy, as the package's postinst makes them.
bash scripts/build-cds.sh "$tmp/jzrepl.jar" 2>/dev/null

variants=(plain launcher launcher+cds forced-cmd)
run() {
  case $1 in
    plain) java -jar target/jzrepl.jar version ;;
    launcher) JZREPL_JAR=target/jzrepl.jar bin/jzrepl version ;;
    launcher+cds) JZREPL_JAR=$tmp/jzrepl.jar bin/jzrepl version ;;
    forced-cmd) JZREPL_JAR=$tmp/jzrepl.jar bin/jzrepl stdinserver bench ;;
  esac
}
for v in "${variants[@]}"; do run "$v" >/dev/null 2>&1 || true; done   # warm the page cache
declare -A times
for ((i = 0; i < runs; i++)); do
  for v in "${variants[@]}"; do
    t0=$(date +%s%N)
    run "$v" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    times[$v]+="$(( (t1 - t0) / 1000000 )) "
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
base=$(echo "${times[plain]}" | median)
echo "jzrepl start-up, $runs runs each, median wall time (load: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores)"
summary=""
for v in "${variants[@]}"; do
  m=$(echo "${times[$v]}" | median)
  ratio=$(awk -v a="$m" -v b="$base" 'BEGIN {printf "%.2f", a / b}')
  printf '  %-13s %5d ms  %sx of plain java -jar version\n' "$v" "$m" "$ratio"
  summary+="$v=${ratio}x "
done
echo "cli-start: ${summary% }"
