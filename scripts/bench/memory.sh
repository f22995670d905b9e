#!/usr/bin/env bash
# The pull daemon's memory while 4 streams run: STREAMS filesystems memsrc/m1..mN, each one
# snapshot of MIB MiB of random data, replicated at once by one run of jzrepl's pull daemon
# (replication.concurrency.steps = STREAMS; source daemon behind the loopback sshd forced
# command, MINA SSHD on the pull side, the testbed's zfs wrappers), as replicate.sh sets them up.
# The pull daemon's VmRSS is sampled every 100 ms from /proc while the run goes on; its VmHWM
# (the kernel's peak) is read at the end; the source daemon's VmHWM is printed too. The daemons
# run with the launcher's JVM options (bin/jzrepl) unless JZREPL_DAEMON_JAVA_OPTS is set, so the
# same script measures a candidate setting before it becomes the default.
#
# The pools (memsrc, memdst) are the benchmark's own and are destroyed at exit, failure included.
# Last line:
#   memory: <STREAMS> streams of <MIB> MiB in <T> s (<R> MiB/s), rss: <X> MiB   (target X <= 128)
# Usage: scripts/bench.sh memory [MIB=96] [STREAMS=4]; JZREPL_KEEP=1 keeps configs and logs.
set -euo pipefail
MIB=${1:-${MIB:-96}} STREAMS=${2:-${STREAMS:-4}}
[[ $MIB =~ ^[1-9][0-9]*$ && $STREAMS =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/bench.sh memory [MIB] [STREAMS]" >&2; exit 2; }
PAIR_POOL_SIZE=$(( MIB * STREAMS * 2 + 512 ))M
source "$(dirname "$0")/../lib/pull-pair.sh"
pair_setup

now() { date +%s.%N; }
kib() { awk -v k="$1" '$1 == k { print $2 }' "/proc/$2/status"; }

say "pools memsrc and memdst, memsrc/m1..m$STREAMS with $MIB MiB of random data each, snapshots @b1"
pair_pools memsrc memdst
guest "set -e
zfs create memsrc/mem
for i in \$(seq 1 $STREAMS); do
  zfs create -o compression=off memsrc/mem/m\$i
  dd if=/dev/urandom of=/mnt/pair/memsrc/mem/m\$i/blob bs=1M count=$MIB status=none
done
zfs snapshot \$(for i in \$(seq 1 $STREAMS); do echo memsrc/mem/m\$i@b1; done)" || die "could not create the filesystems"

pair_sshd mem-puller
pair_configs mem_source "memsrc/mem<" mem-puller pull_mem memdst
sed -i 's|^      "memsrc/mem<": true$|&\n      "memsrc/mem": false|' "$WORK/src.yml"
printf '    replication:\n      concurrency:\n        steps: %s\n' "$STREAMS" >> "$WORK/pull.yml"
grep -q '"memsrc/mem": false' "$WORK/src.yml" || die "could not adjust the source config"
"$JZ" --config "$WORK/src.yml" configcheck -q
"$JZ" --config "$WORK/pull.yml" configcheck -q
pair_daemons
PULL=$PAIR_PULL_PID SRC=${PAIR_PID[src]}
# the launcher execs java: the pid is the JVM's
echo "pull daemon JVM: $(tr '\0' ' ' < "/proc/$PULL/cmdline" | sed 's/ -jar .*//')"

sample_rss() {
  local k v _
  while kill -0 "$PULL" 2>/dev/null; do
    while read -r k v _; do [ "$k" = VmRSS: ] && echo "$v"; done < "/proc/$PULL/status"
    sleep 0.1
  done
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
idle=$(kib VmRSS: "$PULL")
sample_rss > "$WORK/rss" &
sampler=$!
t0=$(now)
pair_replicate
t1=$(now)
kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
steps=$(jq -r '"\(.last.stepsDone) of \(.last.stepsTotal)"' <<<"$PAIR_STATUS")
bytes=$(jq '.last.bytesReplicated' <<<"$PAIR_STATUS")
# the steps really overlapped: every step started before the first one ended
overlap=$(jq -r '[.last.filesystems[].steps[]] | if (map(.startedAt) | max) < (map(.finishedAt // "9") | min)
                 then "all \(length) steps ran at once" else "the steps did not all overlap" end' <<<"$PAIR_STATUS")
peak_sampled=$(sort -n "$WORK/rss" | tail -1)
hwm=$(kib VmHWM: "$PULL") src_hwm=$(kib VmHWM: "$SRC")
secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "run: $steps steps, $bytes bytes; $overlap"
echo "pull daemon: idle $(( idle / 1024 )) MiB, peak sampled every 100 ms $(( peak_sampled / 1024 )) MiB ($(wc -l < "$WORK/rss") samples), VmHWM $(( hwm / 1024 )) MiB; source daemon VmHWM $(( src_hwm / 1024 )) MiB"
echo "memory: $STREAMS streams of $MIB MiB in $secs s ($(awk -v b="$bytes" -v s="$secs" 'BEGIN { printf "%.1f", b / 1048576 / s }') MiB/s), rss: $(( hwm / 1024 )) MiB"
