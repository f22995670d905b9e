#!/usr/bin/env bash
# Replication throughput: one snapshot (256 MiB of random data by default) replicated by jzrepl
# (source daemon behind the loopback sshd forced command, pull daemon dialling with MINA SSHD)
# against the plain pipeline `zfs send | ssh -c aes128-gcm@openssh.com ... | zfs recv` of the same
# snapshot over the same sshd (a key forced to `cat`), both on the ZFS testbed through the same zfs
# wrappers. After one untimed warm-up transfer each way, rounds interleaved (the order
# alternates), median of ROUNDS (3). Before each transfer the receiver's earlier copies are destroyed and their space freed (zpool wait -t free).
#
# Two jzrepl figures are printed: the step's own rate (zfs send start to zfs recv end, as jzrepl's
# status reports it) and the whole run from wakeup (listing, planning, size estimate, holds and
# cursor included: each of those zfs calls costs ~0.2 s in the emulated testbed VM, milliseconds on
# real hardware). The last line compares the step rate with the pipeline:
#   replicate: <X> MiB/s, pipeline: <Y> MiB/s, ratio: <R>     (target R >= 0.95)
# Usage: scripts/bench.sh replicate [MIB=256] [ROUNDS=3] (or the same as environment variables);
# JZREPL_KEEP=1 keeps configs and logs.
set -euo pipefail
MIB=${1:-${MIB:-256}} ROUNDS=${2:-${ROUNDS:-3}}
PAIR_POOL_SIZE=$(( MIB * 3 + 512 ))M
source "$(dirname "$0")/../lib/pull-pair.sh"
pair_setup

say "pools benchsrc and benchdst, benchsrc/data with $MIB MiB of random data, snapshot @b1"
pair_pools benchsrc benchdst
guest "set -e
zfs create -o compression=off benchsrc/data
dd if=/dev/urandom of=/mnt/pair/benchsrc/data/blob bs=1M count=$MIB status=none
zfs snapshot benchsrc/data@b1"
size=$(guest 'zfs send -nP benchsrc/data@b1' | awk '$1 == "size" { print $2 }')
[ -n "$size" ] || die "no size estimate for benchsrc/data@b1"
echo "stream size: $size bytes"

pair_sshd bench-puller
pair_configs bench_source "benchsrc/data" bench-puller pull_bench benchdst
pair_daemons

now() { date +%s.%N; }
mibs() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1048576 / s }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# quiet_receiver: the receiver's copies from earlier rounds are destroyed (the pull job's
# last-received hold released first) and their space freed, so no transfer runs while ZFS frees
# the previous one's blocks in the background. The placeholder benchdst/benchsrc, which jzrepl
# created in the warm-up, stays: each timed transfer, jzrepl's and the pipeline's, receives a full
# stream into a new filesystem whose parent exists.
quiet_receiver() {
  guest 'for s in $(zfs list -H -o name -t snapshot -r benchdst 2>/dev/null); do
           zfs release jzrepl_last_received_J_pull_bench $s 2>/dev/null; done
         zfs destroy -r benchdst/benchsrc/data 2>/dev/null; zfs destroy -r benchdst/pipe 2>/dev/null
         zpool wait -t free benchdst
         ! zfs list benchdst/benchsrc/data benchdst/pipe >/dev/null 2>&1' || die "could not clear the receiver"
}

run_jzrepl() {
  quiet_receiver
  local t0 t1 step
  t0=$(now)
  pair_replicate
  t1=$(now)
  step=$(jq '.last.filesystems[] | select(.path == "benchsrc/data") | .steps[0].bytesPerSecond' <<<"$PAIR_STATUS")
  bytes=$(jq '.last.bytesReplicated' <<<"$PAIR_STATUS")
  step_rate=$(awk -v b="$step" 'BEGIN { printf "%.1f", b / 1048576 }')
  run_rate=$(mibs "$bytes" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
}

run_pipeline() {
  quiet_receiver
  local t0 t1
  t0=$(now)
  "$JZREPL_ZFS_BIN_DIR/zfs" send benchsrc/data@b1 |
    ssh -T -c aes128-gcm@openssh.com -i "$WORK/baseline_key" -p "$PORT" \
      -o UserKnownHostsFile="$WORK/known_hosts" -o BatchMode=yes root@127.0.0.1 cat |
    "$JZREPL_ZFS_BIN_DIR/zfs" recv -u benchdst/pipe
  t1=$(now)
  pipe_rate=$(mibs "$size" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
}

step_rates=() run_rates=() pipe_rates=()
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# One untimed transfer each way first: the daemons are fresh, and a daemon that runs for months
# does not compile its data path (the JIT takes ~3% of a core through the first transfer) nor
# load its classes while it replicates; the pipeline's tools and the VM's caches warm up too.
run_jzrepl; run_pipeline
echo "warm-up: jzrepl step $step_rate MiB/s, pipeline $pipe_rate MiB/s (not counted)"
for r in $(seq 1 "$ROUNDS"); do
  # the order alternates, so neither path always runs first
  if [ $((r % 2)) -eq 1 ]; then run_jzrepl; run_pipeline; else run_pipeline; run_jzrepl; fi
  echo "round $r: jzrepl step $step_rate MiB/s (whole run $run_rate MiB/s, $bytes bytes), pipeline $pipe_rate MiB/s"
  step_rates+=("$step_rate") run_rates+=("$run_rate") pipe_rates+=("$pipe_rate")
done
x=$(median "${step_rates[@]}") w=$(median "${run_rates[@]}") y=$(median "${pipe_rates[@]}")
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "whole run from wakeup: $w MiB/s, ratio to pipeline: $(awk -v a="$w" -v b="$y" 'BEGIN { printf "%.2f", a / b }')"
echo "replicate: $x MiB/s, pipeline: $y MiB/s, ratio: $(awk -v a="$x" -v b="$y" 'BEGIN { printf "%.2f", a / b }')"
