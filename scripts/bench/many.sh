#!/usr/bin/env bash
# Many small datasets (zrepl's issue #480): N filesystems manysrc/many/f1..fN, each with one small
# new snapshot, replicated by one incremental run of jzrepl's pull daemon (dialling the source
# daemon behind the loopback sshd forced command with MINA SSHD) against a shell loop of
#   zfs send -i @prev fs@new | ssh -c aes128-gcm@openssh.com ... cat | zfs recv -u
# per filesystem over the same sshd (a key forced to `cat`), both through the same testbed zfs
# wrappers, as replicate.sh's pipeline. Both copies were made once before (untimed): jzrepl by a
# first (initial) run (or, with INITIAL=zfs, in the VM as well), the loop's by `zfs send | zfs recv`
# inside the VM. Each round writes
# SMALL_KIB of random data into every filesystem and takes one `zfs snapshot` of all of them (one
# command), then times both paths, the order alternating. Rounds after the first are interleaved.
#
# jzrepl's time runs from the wakeup (POST /signal on the control socket, no JVM start) to the
# replication attempt's finishedAt in the pull job's status (the run then prunes: keep rules that
# keep everything, a listing per side; that is printed apart as "whole run"). The end of a run is
# seen by polling the status on the control socket. Both daemons serve Prometheus metrics on
# loopback; the benchmark prints the zfs commands each daemon ran in the timed run, per verb
# (count and summed runtime, zrepl_zfscmd_runtime), to show where the time goes.
#
# The pools (manysrc, manydst) are the benchmark's own file-backed pools in the shared testbed VM
# and are destroyed at exit, failure included (pair_cleanup).
#
# Last line:
#   many: <N> fs in <X> s, loop: <Y> s, speed-up: <R>        (R = Y / X; target R >= 1.5)
# Usage: scripts/bench.sh many [N=100] [ROUNDS=1] (or the same as environment variables);
# STEPS (replication.concurrency.steps of the pull job, default 8), SMALL_KIB (default 64);
# INITIAL=zfs makes jzrepl's initial copies in the VM too (zfs send | zfs recv below placeholder
# parents, as the loop's) instead of by a first jzrepl run, which on the emulated VM takes ~20 zfs
# commands per filesystem; jzrepl then runs once untimed with nothing to do, and its first timed run
# has no cursor bookmark and no last-received hold to replace yet (one zfs destroy less per step);
# JZREPL_KEEP=1 keeps configs and logs.
set -euo pipefail
N=${1:-${N:-100}} ROUNDS=${2:-${ROUNDS:-1}} STEPS=${STEPS:-8} SMALL_KIB=${SMALL_KIB:-64} INITIAL=${INITIAL:-jzrepl}
[[ $INITIAL = jzrepl || $INITIAL = zfs ]] || { echo "INITIAL is jzrepl or zfs" >&2; exit 2; }
[[ $N =~ ^[1-9][0-9]*$ && $ROUNDS =~ ^[1-9][0-9]*$ && $STEPS =~ ^[1-9][0-9]*$ && $SMALL_KIB =~ ^[1-9][0-9]*$ ]] ||
  { echo "usage: scripts/bench.sh many [N] [ROUNDS] (STEPS, SMALL_KIB: positive integers)" >&2; exit 2; }
PAIR_POOL_SIZE=$(( N * SMALL_KIB * (ROUNDS + 2) * 3 / 1024 + 512 ))M
source "$(dirname "$0")/../lib/pull-pair.sh"
pair_setup

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
# an RFC 3339 instant (fraction optional) as epoch seconds
epoch() { jq -rn --arg t "$1" '$t | capture("^(?<s>[^.Z]+)(?<f>\\.[0-9]+)?Z$") | (.s + "Z" | fromdate) + ((.f // "0") | tonumber)'; }
fs_list() { for i in $(seq 1 "$N"); do printf '%s%s ' "$1$i" "${2:-}"; done; }

say "pools manysrc and manydst, manysrc/many/f1..f$N with snapshot @s0 (one guest shell line)"
pair_pools manysrc manydst
t=$(now)
guest "set -e
zfs create manysrc/many
# creates in batches of 20 at once: ZFS commits them in shared transaction groups
for i in \$(seq 1 $N); do zfs create manysrc/many/f\$i & [ \$((i % 20)) -ne 0 ] || wait; done; wait
for i in \$(seq 1 $N); do head -c ${SMALL_KIB}k /dev/urandom > /mnt/pair/manysrc/many/f\$i/s0; done
zfs snapshot $(fs_list manysrc/many/f @s0)
zfs create manydst/jz
for c in manydst/pipe $([ "$INITIAL" = jzrepl ] || echo manydst/jz/manysrc/many); do zfs create -p -o jzrepl:placeholder=on \$c
  for i in \$(seq 1 $N); do zfs send manysrc/many/f\$i@s0 | zfs recv -u \$c/f\$i & [ \$((i % 20)) -ne 0 ] || wait; done; wait
  [ \"\$(zfs list -H -o name -t snapshot -r \$c | grep -c @s0)\" -eq $N ]
done" || die "could not create the filesystems"
echo "created $N filesystems and the copies of $(guest "zfs list -H -o name -d 1 manydst/pipe manydst/jz/manysrc/many 2>/dev/null | grep -c /f") in $(secs "$t" "$(now)") s"

pair_sshd many-puller
pair_configs many_source "manysrc/many<" many-puller pull_many manydst/jz
# the parent manysrc/many is not replicated (it has no snapshots); keep every snapshot on both
# sides (the loop sends from the previous round's snapshot); step concurrency STEPS; metrics
metrics_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
SRC_METRICS=$(metrics_port) PULL_METRICS=$(metrics_port)
sed -i -e 's|^      "manysrc/many<": true$|&\n      "manysrc/many": false|' \
    -e "s|^global:\$|&\n  monitoring:\n    - {type: prometheus, listen: \"127.0.0.1:$SRC_METRICS\"}|" "$WORK/src.yml"
sed -i -e 's|keep_sender: \[\]|keep_sender: [{type: regex, regex: ".*"}]|' \
    -e 's|keep_receiver: \[\]|keep_receiver: [{type: regex, regex: ".*"}]|' \
    -e "s|^global:\$|&\n  monitoring:\n    - {type: prometheus, listen: \"127.0.0.1:$PULL_METRICS\"}|" "$WORK/pull.yml"
printf '    replication:\n      concurrency:\n        steps: %s\n' "$STEPS" >> "$WORK/pull.yml"
grep -q '"manysrc/many": false' "$WORK/src.yml" && grep -q 'steps: ' "$WORK/pull.yml" &&
  grep -q 'regex: ".\*"' "$WORK/pull.yml" || die "could not adjust the configs"
"$JZ" --config "$WORK/src.yml" configcheck -q
"$JZ" --config "$WORK/pull.yml" configcheck -q
pair_daemons

job_field() { pair_status pull | jq -r --arg j "$PULL_JOB" ".jobs[] | select(.name == \$j) | $1"; }

# zfs commands by verb: "verb count seconds" lines from daemon metrics at 127.0.0.1:$1
zfs_calls() {
  curl -sf --max-time 5 "http://127.0.0.1:$1/metrics" |
    awk '/^zrepl_zfscmd_runtime_(count|sum)\{/ {
           match($0, /zfsverb="[^"]*"/); v = substr($0, RSTART + 9, RLENGTH - 10)
           if ($0 ~ /_count\{/) c[v] += $NF; else s[v] += $NF }
         END { for (v in c) printf "%s %d %.3f\n", v, c[v], s[v] }' | sort
}
# the difference of two zfs_calls outputs, as "verb xCOUNT SECONDS s" words
zfs_delta() {
  join -a 2 -e 0 -o 0,1.2,1.3,2.2,2.3 <(echo "$1") <(echo "$2") |
    awk '$4 - $2 > 0 { printf "%s x%d %.1fs, ", $1, $4 - $2, $5 - $3; n += $4 - $2; t += $5 - $3 }
         END { printf "total x%d %.1fs\n", n, t }'
}

# run_jzrepl: wakes the pull job, waits (status on the control socket) until its run count grows.
# Sets jz_s (wakeup to the replication's finishedAt), jz_run_s (to the run's end, pruning too).
run_jzrepl() {
  local before t0 runs state calls_src calls_pull status
  before=$(job_field .runs)
  calls_src=$(zfs_calls "$SRC_METRICS") calls_pull=$(zfs_calls "$PULL_METRICS")
  t0=$(now)
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 --unix-socket "$WORK/pull/control" \
       -d "{\"Name\": \"$PULL_JOB\", \"Op\": \"wakeup\"}" http://jzrepl/signal)" = 200 ] || die "wakeup refused"
  # one status read a second (curl and jq cost ~50 ms of CPU, which the VM would lose during
  # jzrepl's run only); the time comes from the status's finishedAt, not from this loop
  for _ in $(seq 1 3600); do
    sleep 1
    read -r runs state < <(job_field '"\(.runs) \(.state)"')
    [ "$runs" -gt "$before" ] && [ "$state" != RUNNING ] && break
    kill -0 "$PAIR_PULL_PID" 2>/dev/null || { tail -20 "$WORK/pull-daemon.log" >&2; die "the pull daemon exited"; }
  done
  [ "$runs" -gt "$before" ] || die "the run did not end within an hour"
  jz_run_s=$(secs "$t0" "$(now)")
  status=$(pair_status pull | jq --arg j "$PULL_JOB" '.jobs[] | select(.name == $j)')
  [ "$(jq -r .last.state <<<"$status")" = DONE ] || { jq .last <<<"$status" >&2; die "replication ended $(jq -r .last.state <<<"$status")"; }
  jz_steps=$(jq -r '"\(.last.stepsDone) of \(.last.stepsTotal)"' <<<"$status")
  jz_s=$(secs "$t0" "$(epoch "$(jq -r .last.finishedAt <<<"$status")")")
  jz_calls="source: $(zfs_delta "$calls_src" "$(zfs_calls "$SRC_METRICS")")
  pull: $(zfs_delta "$calls_pull" "$(zfs_calls "$PULL_METRICS")")"
}

# run_loop PREV NEW: the loop over all filesystems; sets loop_s.
run_loop() {
  local t0 i
  t0=$(now)
  for i in $(seq 1 "$N"); do
    "$JZREPL_ZFS_BIN_DIR/zfs" send -i "@$1" "manysrc/many/f$i@$2" |
      ssh -T -c aes128-gcm@openssh.com -i "$WORK/baseline_key" -p "$PORT" \
        -o UserKnownHostsFile="$WORK/known_hosts" -o BatchMode=yes root@127.0.0.1 cat |
      "$JZREPL_ZFS_BIN_DIR/zfs" recv -u "manydst/pipe/f$i" || die "the loop failed at manysrc/many/f$i@$2"
  done
  loop_s=$(secs "$t0" "$(now)")
}

new_snapshots() {
  guest "set -e
  for i in \$(seq 1 $N); do head -c ${SMALL_KIB}k /dev/urandom > /mnt/pair/manysrc/many/f\$i/s$1; done
  zfs snapshot $(fs_list manysrc/many/f "@s$1")" || die "could not snapshot round $1"
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$INITIAL" = jzrepl ]; then
  say "initial replication by jzrepl (not timed)"
else
  say "jzrepl's run with nothing to do (not timed: the copies were made in the VM; warms up the daemons)"
fi
run_jzrepl
echo "initial: $jz_steps steps in $jz_s s (whole run $jz_run_s s)"
echo "  zfs commands $jz_calls"

jz_all=() loop_all=()
for r in $(seq 1 "$ROUNDS"); do
  say "round $r: $SMALL_KIB KiB new in each filesystem, one snapshot @s$r of all"
  new_snapshots "$r"
  if [ $((r % 2)) -eq 1 ]; then run_jzrepl; run_loop "s$((r - 1))" "s$r"; else run_loop "s$((r - 1))" "s$r"; run_jzrepl; fi
  echo "round $r: jzrepl $jz_steps steps in $jz_s s (whole run with pruning $jz_run_s s), loop $loop_s s"
  echo "  zfs commands $jz_calls"
  jz_all+=("$jz_s") loop_all+=("$loop_s")
done
guest "[ \"\$(zfs list -H -o name -t snapshot -r manydst/jz/manysrc/many | grep -c @s$ROUNDS\$)\" -eq $N ] &&
       [ \"\$(zfs list -H -o name -t snapshot -r manydst/pipe | grep -c @s$ROUNDS\$)\" -eq $N ]" ||
  die "not every filesystem has @s$ROUNDS on both receivers"
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
x=$(median "${jz_all[@]}") y=$(median "${loop_all[@]}")
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); steps at once: $STEPS"
echo "many: $N fs in $x s, loop: $y s, speed-up: $(awk -v a="$x" -v b="$y" 'BEGIN { printf "%.2f", b / a }')"
