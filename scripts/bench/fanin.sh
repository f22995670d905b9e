#!/usr/bin/env bash
# A sink serving many clients: one sink daemon (serve: stdinserver with N client identities c1..cN,
# root_fs fandst/sink) behind the loopback sshd, whose authorized_keys forces key i to
# `jzrepl stdinserver ci`; one push daemon with N push jobs (job i dials with key i and pushes
# fansrc/ci, MIB MiB of random data in one snapshot). All N jobs are woken at once (one curl, N
# POST /signal on the control socket) and timed until the last run ended (the latest finishedAt
# in the push daemon's status); a job whose run did not end DONE counts as an error. Baseline in
# the same run: N concurrent `zfs send | ssh -c aes128-gcm@openssh.com ... cat | zfs recv` of the
# same snapshots over the same sshd (a key forced to `cat`), from start to the last one finishing.
# The receiver's copies are destroyed and their space freed (zpool wait -t free) before each.
# The sink daemon's peak RSS (VmHWM) and thread count (sampled every 0.2 s) are reported.
#
# The testbed's zfs wrappers share one ssh connection to the VM, whose sshd allows 100 sessions
# on it; N concurrent sends and receives plus jzrepl's short zfs calls need more, so the benchmark
# raises the guest's MaxSessions and uses an own connection (pair_testbed_master). The loopback
# sshd allows max(200, 2N) concurrent logins and sessions.
#
# Rates are aggregate: all N streams' bytes / wall time. Last line:
#   fanin: <X> MiB/s, pipelines: <Y> MiB/s, ratio: <R>, errors: <E>, rss: <M> MiB
# Usage: scripts/bench.sh fanin [N=50] [MIB=2] (or the same as environment variables);
# DIAL_TIMEOUT=120s sets the push jobs' dial_timeout (default: jzrepl's, 10s);
# JZREPL_KEEP=1 keeps configs and logs.
#
# A connect storm ends the benchmark early: when the push jobs have failed 3N dials in all
# before every run ended, it prints the failures by kind and a few log lines, and fails.
# (Each dial runs the forced command, a JVM start of ~0.5 s of CPU. Before the daemon capped its
# concurrent dials (4, SshClientHub), 50 at once on 2 cores took longer than the default
# dial_timeout and every retry added a start; now the others queue and none fail.)
set -euo pipefail
N=${1:-${N:-50}} MIB=${2:-${MIB:-2}}
[[ $N =~ ^[1-9][0-9]*$ && $MIB =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/bench.sh fanin [N] [MIB]" >&2; exit 2; }
PAIR_POOL_SIZE=$(( N * MIB * 2 + 512 ))M
PAIR_SSHD_MAX=$(( N * 2 > 200 ? N * 2 : 200 ))
source "$(dirname "$0")/../lib/pull-pair.sh"
pair_setup

say "own ssh connection to the testbed VM (MaxSessions $(( N * 6 > 300 ? N * 6 : 300 )))"
pair_testbed_master $(( N * 6 > 300 ? N * 6 : 300 ))

say "pools fansrc and fandst, fansrc/c1..c$N with $MIB MiB of random data each, snapshots @s"
pair_pools fansrc fandst
guest "set -e
for i in \$(seq 1 $N); do
  zfs create -o compression=off fansrc/c\$i
  dd if=/dev/urandom of=/mnt/pair/fansrc/c\$i/blob bs=1M count=$MIB status=none
done
zfs snapshot \$(for i in \$(seq 1 $N); do echo fansrc/c\$i@s; done)
zfs create fandst/sink; zfs create fandst/pipe"
size=$(guest "for i in \$(seq 1 $N); do zfs send -nP fansrc/c\$i@s; done" | awk '$1 == "size" { s += $2; n++ } END { if (n) print s }')
[ -n "$size" ] || die "no size estimates for fansrc/c*@s"
echo "stream sizes: $size bytes in all ($N snapshots)"

idents=()
for i in $(seq 1 "$N"); do idents+=("c$i"); done
pair_sshd
for id in "${idents[@]}"; do pair_forced_key "key_$id" "$id" "$WORK/sink/stdinserver"; done

mkdir -p "$WORK/sink" "$WORK/push"
chmod 700 "$WORK/sink" "$WORK/push"
{ pair_global sink serve; cat <<EOF
jobs:
  - name: sink
    type: sink
    serve:
      type: stdinserver
      client_identities: [$(IFS=,; echo "${idents[*]}")]
    root_fs: fandst/sink
EOF
} > "$WORK/sink.yml"
{ pair_global push; echo "jobs:"
  for id in "${idents[@]}"; do cat <<EOF
  - name: push_$id
    type: push
    connect:
      type: ssh+stdinserver
      host: 127.0.0.1
      user: root
      port: $PORT
      identity_file: $WORK/key_$id
      known_hosts: $WORK/known_hosts${DIAL_TIMEOUT:+
      dial_timeout: $DIAL_TIMEOUT}
    filesystems:
      "fansrc/$id": true
    snapshotting:
      type: manual
    pruning:
      keep_sender: []
      keep_receiver: []
EOF
  done
} > "$WORK/push.yml"
"$JZ" --config "$WORK/sink.yml" configcheck -q
"$JZ" --config "$WORK/push.yml" configcheck -q

say "daemons (sink with $N client identities, push with $N jobs)"
pair_daemon_start sink
pair_daemon_start push
pair_daemon_wait sink
pair_daemon_wait push
SINK=${PAIR_PID[sink]} PUSH=${PAIR_PID[push]}

now() { date +%s.%N; }
mibs() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.2f", b / 1048576 / s }'; }
status_field() { awk -v k="$1" '$1 == k { print $2 }' "/proc/$2/status"; }

# The receiver's copies destroyed (holds released first) and their space freed; the parents
# fandst/sink (the sink's root_fs) and fandst/pipe stay.
quiet_receiver() {
  guest 'set -e
         zfs list -H -o name -t snapshot -r fandst | xargs -r zfs holds -H |
           while read -r snap tag _; do zfs release "$tag" "$snap"; done
         for d in $(zfs list -H -o name -d 1 fandst/sink fandst/pipe | grep /.*/); do zfs destroy -r "$d" & done
         wait
         zpool wait -t free fandst
         [ "$(zfs list -H -o name -r fandst | wc -l)" -eq 3 ]' || die "could not clear the receiver"
}

# The push jobs' failed dials (first attempts and reconnects), one line each: its kind.
failed_dials() {
  sed -n 's/.*\(attempt [0-9]* failed: connecting failed\|reconnecting failed\): \(.\{0,40\}\).*/\2/p' \
    "$WORK/push-daemon.log" | sed 's/ \(at\|with\|to\|on\)\( .*\)\?$//'
}

received() { guest "zfs list -H -o name -t snapshot -r $1 | grep -c '@s\$'" || true; }

# Samples the thread counts of the sink and the push daemon every 0.2 s (no fork but sleep).
sample_threads() {
  local k v _ s p
  while kill -0 "$SINK" 2>/dev/null; do
    s=0 p=0
    while read -r k v _; do [ "$k" = Threads: ] && s=$v; done < "/proc/$SINK/status"
    while read -r k v _; do [ "$k" = Threads: ] && p=$v; done < "/proc/$PUSH/status"
    echo "$s $p"
    sleep 0.2
  done
}

run_fanin() {
  quiet_receiver
  local log=$WORK/push-daemon.log before args=() i ended=0 codes status sampler
  before=$(grep -c 'replication run ended' "$log" || true)
  for i in $(seq 1 "$N"); do
    [ "$i" -eq 1 ] || args+=(--next)
    args+=(-s -o /dev/null -w '%{http_code}\n' --max-time 10 --unix-socket "$WORK/push/control"
           -d "{\"Name\": \"push_c$i\", \"Op\": \"wakeup\"}" http://jzrepl/signal)
  done
  sample_threads > "$WORK/threads" &
  sampler=$!
  t0=$(now)
  codes=$(curl "${args[@]}" || true)
  [ "$(grep -c '^200$' <<<"$codes")" -eq "$N" ] || die "wakeup answered: $(sort <<<"$codes" | uniq -c | tr '\n' ' ')"
  for _ in $(seq 1 $(( 1200 + N * MIB * 2 ))); do   # 0.5 s each: 10 minutes and 1 s per MiB
    sleep 0.5
    ended=$(grep -c 'replication run ended' "$log" || true)
    [ "$ended" -ge $(( before + N )) ] && break
    kill -0 "$PUSH" 2>/dev/null || { tail -20 "$log" >&2; die "the push daemon exited"; }
    kill -0 "$SINK" 2>/dev/null || { tail -20 "$WORK/sink-daemon.log" >&2; die "the sink daemon exited"; }
    [ "$(failed_dials | wc -l)" -lt $(( 3 * N )) ] || break
  done
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
  [ "$ended" -ge $(( before + N )) ] || {
    echo "after $(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }') s: $(( ended - before )) of $N runs ended, $(failed_dials | wc -l) dials failed:"
    failed_dials | sort | uniq -c | sort -rn
    echo "push daemon log (first failures):"; grep -m 3 'attempt 1 failed' "$log" | cut -c1-300
    echo "sink daemon log (hand-overs that failed, by kind):"
    grep 'hand-over for identity\|sent no BEGIN' "$WORK/sink-daemon.log" | sed 's/.*identity [^ ]* //' | sort | uniq -c | sort -rn | head -5 || true
    die "connect storm or timeout: not all runs ended (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  }
  echo "dials that failed and were retried: $(failed_dials | wc -l)"
  status=$(pair_status push) || die "no status from the push daemon"
  # the wall time runs to the latest end (finishedAt: an RFC 3339 instant, fraction optional)
  read -r ndone bytes last < <(jq -r '[.jobs[] | select(.name | startswith("push_"))] |
      [([.[] | select(.last.state == "DONE")] | length), (map(.last.bytesReplicated // 0) | add),
       (map(.last.finishedAt // empty | capture("^(?<s>[^.Z]+)(?<f>\\.[0-9]+)?Z$")
            | (.s + "Z" | fromdate) + ((.f // "0") | tonumber)) | max)] | @tsv' <<<"$status")
  [ -n "$last" ] || { jq . <<<"$status" >&2; die "no run has a finishedAt"; }
  errors=$(( N - ndone ))
  if [ "$errors" -gt 0 ]; then
    echo "jobs not DONE ($errors), first 5:"
    # limit in jq, not head: under pipefail, head closing the pipe would end the benchmark (SIGPIPE)
    jq -r 'limit(5; .jobs[] | select(.name | startswith("push_")) | select(.last.state != "DONE"))
           | "  \(.name): \(.last.state // "no run"): \(.last.error // .lastError // "")"' <<<"$status"
  fi
  # phases: wakeup to the last step's start (dial, forced command, listing both sides, planning),
  # then the steps (the first step's start to the last run's end)
  read -r first_step last_step < <(jq -r '[.jobs[] | select(.name | startswith("push_"))
      | .last.filesystems[]?.steps[]?.startedAt // empty | capture("^(?<s>[^.Z]+)(?<f>\\.[0-9]+)?Z$")
      | (.s + "Z" | fromdate) + ((.f // "0") | tonumber)] | [min, max] | @tsv' <<<"$status")
  [ -z "$first_step" ] || echo "jzrepl phases: steps started $(awk -v a="$t0" -v b="$first_step" -v c="$last_step" \
    -v e="$last" 'BEGIN { printf "%.1f to %.1f s after the wakeup, the last run ended %.1f s after the first step started", b - a, c - a, e - b }')"
  fanin_s=$(awk -v a="$t0" -v b="$last" 'BEGIN { printf "%.2f", b - a }')
  fanin_rate=$(mibs "$size" "$fanin_s")
  echo "jzrepl: $ndone of $N runs DONE, $bytes bytes, $fanin_s s, $(received fandst/sink) snapshots received"
}

run_pipelines() {
  quiet_receiver
  local pids=() i p failed=0 t1
  t0=$(now)
  for i in $(seq 1 "$N"); do
    { "$JZREPL_ZFS_BIN_DIR/zfs" send "fansrc/c$i@s" |
        ssh -T -c aes128-gcm@openssh.com -i "$WORK/baseline_key" -p "$PORT" \
          -o UserKnownHostsFile="$WORK/known_hosts" -o BatchMode=yes root@127.0.0.1 cat |
        "$JZREPL_ZFS_BIN_DIR/zfs" recv -u "fandst/pipe/c$i"; } 2> "$WORK/pipe-$i.err" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || failed=$(( failed + 1 )); done
  t1=$(now)
  pipe_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  pipe_rate=$(mibs "$size" "$pipe_s")
  echo "pipelines: $(( N - failed )) of $N ok, $pipe_s s, $(received fandst/pipe) snapshots received"
  [ "$failed" -eq 0 ] || { cat "$WORK"/pipe-*.err | sort | uniq -c | head -5 >&2; die "$failed pipelines failed"; }
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
idle_threads=$(status_field Threads: "$SINK") idle_rss=$(status_field VmRSS: "$SINK")
run_fanin
pair_testbed_master_check
run_pipelines
pair_testbed_master_check
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
peak_sink=$(awk '$1 > m { m = $1 } END { print m + 0 }' "$WORK/threads")
peak_push=$(awk '$2 > m { m = $2 } END { print m + 0 }' "$WORK/threads")
hwm=$(status_field VmHWM: "$SINK")
echo "threads: sink $idle_threads idle, peak $peak_sink; push daemon peak $peak_push ($(wc -l < "$WORK/threads") samples)"
echo "sink memory: $(( idle_rss / 1024 )) MiB idle, peak RSS $(( hwm / 1024 )) MiB"
echo "fanin: $fanin_rate MiB/s, pipelines: $pipe_rate MiB/s, ratio: $(awk -v a="$fanin_rate" -v b="$pipe_rate" 'BEGIN { printf "%.2f", a / b }'), errors: $errors, rss: $(( hwm / 1024 )) MiB"
