#!/usr/bin/env bash
# The README's run command: a real pull replication on this machine.
#
# Installs what is needed, builds jzrepl, starts the ZFS testbed VM (scripts/zfs-testbed.sh;
# built once, ~5 min), creates pools demosrc and demodst in it with a small dataset tree
# demosrc/data/{a,b/c} holding files and three snapshots, and runs two jzrepl daemons on this host:
#   - the data host: a source job serving demosrc/data< to the client identity demo-puller,
#     reached through a loopback OpenSSH sshd whose authorized_keys forces
#     `bin/jzrepl stdinserver demo-puller`;
#   - the backup host: a pull job (interval: manual) into demodst, dialling that sshd.
# Both daemons use the one testbed VM's zfs (different pools). The demo wakes the pull job, waits
# for the run, prints datasets, snapshots, bytes and rate from `jzrepl status`, and compares the
# file contents of every snapshot on both sides; then it takes a 4th snapshot, replicates again
# (incrementally) and compares again. Exit status 0 only if everything matches.
#
# Env: JZREPL_DEMO_KEEP=1 keeps the work directory (configs, logs) for a look afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd -P)

say() { printf '\n== %s\n' "$*"; }
die() { echo "demo: FAILED: $*" >&2; exit 1; }

say "dependencies and build"
bash scripts/setup-deps.sh
mvn -B -q -ntp package -DskipTests
JZ=$ROOT/bin/jzrepl

say "ZFS testbed"
started_testbed=
if ! scripts/zfs-testbed.sh status | grep -q '^running'; then
  scripts/zfs-testbed.sh build
  scripts/zfs-testbed.sh start
  started_testbed=1
fi
eval "$(scripts/zfs-testbed.sh env)"
export JZREPL_ZFS_BIN=$JZREPL_ZFS_BIN_DIR/zfs
guest() { "$JZREPL_ZFS_BIN_DIR/testbed-ssh" "$*"; }

WORK=$(mktemp -d /tmp/jzrepl-demo.XXXXXX)
chmod 700 "$WORK"
pids=()
cleanup() {
  local rc=$?
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  guest 'for p in demosrc demodst; do zpool destroy -f $p 2>/dev/null; rm -f /var/tmp/$p.img; done; rm -rf /mnt/demo' \
    >/dev/null 2>&1 || true
  [ -n "$started_testbed" ] && scripts/zfs-testbed.sh stop >/dev/null 2>&1 || true
  if [ "${JZREPL_DEMO_KEEP:-}" = 1 ] || [ $rc -ne 0 ]; then
    echo "demo: work directory (configs, daemon logs) kept in $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  exit $rc
}
trap cleanup EXIT INT TERM

say "pools demosrc and demodst, dataset tree demosrc/data/{a,b/c}, 3 snapshots"
guest 'set -e
for p in demosrc demodst; do
  zpool destroy -f $p 2>/dev/null || true
  truncate -s 512M /var/tmp/$p.img
done
zpool create -f -o ashift=12 -m /mnt/demo/src demosrc /var/tmp/demosrc.img
zpool create -f -o ashift=12 -m none demodst /var/tmp/demodst.img
zfs create demosrc/data; zfs create demosrc/data/a; zfs create demosrc/data/b; zfs create demosrc/data/b/c
M=/mnt/demo/src/data
for n in 1 2 3; do
  dd if=/dev/urandom of=$M/top-$n.bin bs=256k count=2 status=none
  dd if=/dev/urandom of=$M/a/a-$n.bin bs=256k count=1 status=none
  echo "b, round $n" > $M/b/notes-$n.txt
  dd if=/dev/urandom of=$M/b/c/c-$n.bin bs=256k count=2 status=none
  zfs snapshot -r demosrc/data@demo_$n
done
zfs list -r -o name,used,mountpoint demosrc'

say "loopback sshd with the forced command"
ssh-keygen -q -t ed25519 -N '' -C jzrepl-demo-host -f "$WORK/host_key"
ssh-keygen -q -t ed25519 -N '' -C jzrepl-demo-client -f "$WORK/client_key"
mkdir -p /run/sshd
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
  || shuf -i 20000-60000 -n 1)
printf 'command="%s stdinserver --sockdir %s demo-puller",restrict %s\n' \
  "$JZ" "$WORK/src/stdinserver" "$(cat "$WORK/client_key.pub")" > "$WORK/authorized_keys"
cat > "$WORK/sshd_config" <<EOF
Port $PORT
ListenAddress 127.0.0.1
HostKey $WORK/host_key
AuthorizedKeysFile $WORK/authorized_keys
PidFile $WORK/sshd.pid
StrictModes no
UsePAM no
PermitRootLogin forced-commands-only
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
LogLevel ERROR
EOF
echo "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$WORK/host_key.pub")" > "$WORK/known_hosts"
/usr/sbin/sshd -D -e -f "$WORK/sshd_config" 2> "$WORK/sshd.log" &
pids+=($!)

say "configs"
mkdir -p "$WORK/src" "$WORK/pull"
chmod 700 "$WORK/src" "$WORK/pull"
cat > "$WORK/src.yml" <<EOF
global:
  logging:
    - {type: stdout, level: info, format: human}
  control:
    sockpath: $WORK/src/control
  serve:
    stdinserver:
      sockdir: $WORK/src/stdinserver
jobs:
  - name: demo_source
    type: source
    serve:
      type: stdinserver
      client_identities: [demo-puller]
    filesystems:
      "demosrc/data<": true
    snapshotting:
      type: manual
EOF
cat > "$WORK/pull.yml" <<EOF
global:
  logging:
    - {type: stdout, level: info, format: human}
  control:
    sockpath: $WORK/pull/control
jobs:
  - name: pull_demo
    type: pull
    connect:
      type: ssh+stdinserver
      host: 127.0.0.1
      user: root
      port: $PORT
      identity_file: $WORK/client_key
      known_hosts: $WORK/known_hosts
    root_fs: demodst
    interval: manual
    pruning:
      keep_sender: []
      keep_receiver: []
EOF
cat "$WORK/pull.yml"
"$JZ" --config "$WORK/src.yml" configcheck -q
"$JZ" --config "$WORK/pull.yml" configcheck -q

say "daemons (source on the data host, pull on the backup host)"
"$JZ" --config "$WORK/src.yml" daemon 2> "$WORK/src-daemon.log" &
pids+=($!)
"$JZ" --config "$WORK/pull.yml" daemon 2> "$WORK/pull-daemon.log" &
pids+=($!)
for _ in $(seq 1 120); do
  [ -S "$WORK/src/control" ] && [ -S "$WORK/pull/control" ] && break
  sleep 0.5
done
[ -S "$WORK/pull/control" ] || { cat "$WORK/pull-daemon.log" >&2; die "the pull daemon did not start"; }
[ -S "$WORK/src/control" ] || { cat "$WORK/src-daemon.log" >&2; die "the source daemon did not start"; }
"$JZ" --config "$WORK/src.yml" status --mode raw | jq -c '.jobs[] | {name, type, listening}'

pull_status() { "$JZ" --config "$WORK/pull.yml" status --mode raw | jq '.jobs[] | select(.name == "pull_demo")'; }

# replicate ROUND: wakes the pull job and waits until its run count goes up
replicate() {
  local before now st
  before=$(pull_status | jq .runs)
  "$JZ" --config "$WORK/pull.yml" signal wakeup pull_demo
  for _ in $(seq 1 600); do
    st=$(pull_status)
    now=$(jq .runs <<<"$st")
    [ "$now" -gt "$before" ] && [ "$(jq -r .state <<<"$st")" != RUNNING ] && break
    sleep 1
  done
  [ "$now" -gt "$before" ] || die "replication run did not end within 10 minutes"
  jq -r '.last as $a |
    "attempt \($a.attempt) of \($a.maxAttempts): \($a.state)" + (if $a.error then " (\($a.error))" else "" end),
    ($a.filesystems[] | "  \(.path)  \(.state)" + (if .error then "  ERROR: \(.error)" else "" end),
      (.steps[] | "      \(.from // "(full)") -> \(.to)  \(.bytesReplicated) bytes  \(.bytesPerSecond) B/s"
        + (if .resumed then "  (resumed)" else "" end))),
    (((($a.finishedAt | sub("\\.[0-9]+";"") | fromdate) - ($a.startedAt | sub("\\.[0-9]+";"") | fromdate))) as $secs
      | "total: \($a.stepsDone)/\($a.stepsTotal) steps, \($a.bytesReplicated) bytes in \($secs) s (listing,"
        + " planning and size estimates included): \(($a.bytesReplicated / ([$secs, 1] | max) / 1024) | floor) KiB/s")' \
    <<<"$st"
  [ "$(jq -r .last.state <<<"$st")" = DONE ] || die "replication ended $(jq -r .last.state <<<"$st")"
}

# verify SNAPSHOT: content of every dataset's SNAPSHOT equal on both sides
verify() {
  guest "set -e
  for ds in \$(zfs list -H -o name -r demosrc/data); do
    rel=\${ds#demosrc/}; dst=demodst/\$ds
    [ \"\$(zfs get -H -o value mounted \$dst)\" = yes ] || { zfs set mountpoint=/mnt/demo/dst/\$rel \$dst; zfs mount \$dst 2>/dev/null || true; }
    a=\$(cd /mnt/demo/src/\$rel/.zfs/snapshot/$1 && find . -type f -print0 | LC_ALL=C sort -z | xargs -0r sha256sum | sha256sum | cut -c1-16)
    b=\$(cd /mnt/demo/dst/\$rel/.zfs/snapshot/$1 && find . -type f -print0 | LC_ALL=C sort -z | xargs -0r sha256sum | sha256sum | cut -c1-16)
    n=\$(cd /mnt/demo/src/\$rel/.zfs/snapshot/$1 && find . -type f | wc -l)
    if [ \"\$a\" = \"\$b\" ]; then echo \"  \$ds@$1: \$n files, sha256 \$a on both sides\"; else echo \"  \$ds@$1: DIFFERS (\$a vs \$b)\"; exit 1; fi
  done" || die "received content differs from the source at @$1"
}

say "replication 1: initial (most_recent: a full send of each dataset's newest snapshot)"
replicate
guest 'zfs list -r -t filesystem,snapshot -o name,used,jzrepl:placeholder demodst'
verify demo_3

say "replication 2: a 4th snapshot, sent incrementally"
guest 'set -e; M=/mnt/demo/src/data
dd if=/dev/urandom of=$M/top-4.bin bs=256k count=4 status=none
echo "round 4" >> $M/b/notes-1.txt
rm $M/a/a-1.bin
zfs snapshot -r demosrc/data@demo_4'
replicate
guest 'zfs list -r -t snapshot -o name,used demodst'
verify demo_4

say "holds and cursors left by the jobs"
"$JZ" --config "$WORK/pull.yml" zfs-abstraction list

say "demo OK: every snapshot's content is equal on source and receiver"
