#!/usr/bin/env bash
# Snapshot benchmark: one snapshot tick over N=1,000 filesystems of one pool on the ZFS testbed,
# jzrepl's way (org.jzrepl.snapshot.Snapper#tick: one `zfs list`, then one
# `zfs snapshot pool/fs0001@N pool/fs0002@N ...` for the pool) against zrepl's way (the same
# listing, then one `zfs snapshot fs@N` per filesystem, sequentially), in one JVM through the same
# zfs wrapper ($JZREPL_ZFS_BIN_DIR/zfs: each command is an ssh session into the testbed VM).
# The Java side is org.jzrepl.bench.SnapshotBench (test scope). One untimed warm-up of each, then
# ROUNDS rounds (order alternating), medians; afterwards it checks that every filesystem has every
# snapshot and that each tick's snapshots share one createtxg.
# Setup: a fresh file-backed pool `benchsnap` (mountpoint none) with N children, created in the VM
# 8 at a time; destroyed at the end. Uses the running testbed named by JZREPL_ZFS_BIN_DIR, else
# starts it (and stops it again) as scripts/lib/pull-pair.sh does.
# Last line: snapshot: X ms for 1000 filesystems, per-fs commands: Y ms, ratio: R   (R = X / Y)
# Usage: scripts/bench.sh snapshot [N=1000] [ROUNDS=1] (or the same as environment variables).
# On the 2-core project machine with the emulated VM the per-fs way takes some 15-20 minutes.
set -euo pipefail
N=${1:-${N:-1000}} ROUNDS=${2:-${ROUNDS:-1}}
[[ $N =~ ^[1-9][0-9]*$ && $ROUNDS =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/bench.sh snapshot [N] [ROUNDS]" >&2; exit 2; }
cd "$(dirname "$0")/../.."
source scripts/bench/lib/mvn.sh
POOL=benchsnap
started=
if [ -z "${JZREPL_ZFS_BIN_DIR:-}" ]; then
  bash scripts/setup-deps.sh
  if ! scripts/zfs-testbed.sh status | grep -q '^running'; then
    scripts/zfs-testbed.sh build
    scripts/zfs-testbed.sh start
    started=1
  fi
  eval "$(scripts/zfs-testbed.sh env)"
fi
guest() { "$JZREPL_ZFS_BIN_DIR/testbed-ssh" "$*"; }
cleanup() {
  guest "zpool destroy -f $POOL 2>/dev/null; rm -f /var/tmp/$POOL.img" >/dev/null 2>&1 || true
  [ -z "$started" ] || scripts/zfs-testbed.sh stop >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

mvn_q test-compile >&2
mvn_q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s)
guest "set -e; zpool destroy -f $POOL 2>/dev/null || true; truncate -s 1G /var/tmp/$POOL.img
  zpool create -f -o ashift=12 -m none $POOL /var/tmp/$POOL.img
  seq -f '$POOL/fs%04g' 1 $N | xargs -P 8 -n 1 zfs create
  [ \$(zfs list -H -o name -r -t filesystem $POOL | wc -l) -eq $((N + 1)) ]"
echo "pool $POOL with $N filesystems created in $(( $(date +%s) - start )) s"

out=$(mktemp /tmp/jzrepl-snapshot-bench.XXXXXX)
java -Xms256m -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.jzrepl.bench.SnapshotBench "$JZREPL_ZFS_BIN_DIR/zfs" "$POOL" "$ROUNDS" | tee "$out" | head -n -1
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
tail -n 1 "$out"
rm -f "$out"
