#!/usr/bin/env bash
# The README's run command: a real pull replication on this machine.
#
# Installs what is needed, builds jzrepl, starts the ZFS testbed VM (scripts/zfs-testbed.sh;
# built once, ~5 min), creates pools demosrc and demodst in it with a small dataset tree
# demosrc/data/{a,b/c} holding files and three snapshots, and runs two jzrepl daemons on this host
# (scripts/lib/pull-pair.sh):
#   - the data host: a source job serving demosrc/data< to the client identity demo-puller,
#     reached through a loopback OpenSSH sshd whose authorized_keys forces
#     `bin/jzrepl stdinserver demo-puller`;
#   - the backup host: a pull job (interval: manual) into demodst, dialling that sshd.
# The demo wakes the pull job, waits for the run, prints datasets, snapshots, bytes and rate from
# `jzrepl status`, and compares the file contents of every dataset's snapshot on both sides; then
# it takes a 4th snapshot, replicates again (incrementally) and compares again.
# Exit status 0 only if everything matches.
#
# Env: JZREPL_KEEP=1 keeps the work directory (configs, logs) for a look afterwards.
set -euo pipefail
source "$(dirname "$0")/lib/pull-pair.sh"
pair_setup

say "pools demosrc and demodst, dataset tree demosrc/data/{a,b/c}, 3 snapshots"
pair_pools demosrc demodst
guest 'set -e
zfs create demosrc/data; zfs create demosrc/data/a; zfs create demosrc/data/b; zfs create demosrc/data/b/c
M=/mnt/pair/demosrc/data
for n in 1 2 3; do
  dd if=/dev/urandom of=$M/top-$n.bin bs=256k count=2 status=none
  dd if=/dev/urandom of=$M/a/a-$n.bin bs=256k count=1 status=none
  echo "b, round $n" > $M/b/notes-$n.txt
  dd if=/dev/urandom of=$M/b/c/c-$n.bin bs=256k count=2 status=none
  zfs snapshot -r demosrc/data@demo_$n
done
zfs list -r -o name,used,mountpoint demosrc'

pair_sshd demo-puller
say "configs"
pair_configs demo_source "demosrc/data<" demo-puller pull_demo demodst
cat "$WORK/pull.yml"
pair_daemons
"$JZ" --config "$WORK/src.yml" status --mode raw | jq -c '.jobs[] | {name, type, listening}'

# report: what the last run did, from the pull job's status
report() {
  jq -r '.last as $a |
    "attempt \($a.attempt) of \($a.maxAttempts): \($a.state)" + (if $a.error then " (\($a.error))" else "" end),
    ($a.filesystems[] | "  \(.path)  \(.state)" + (if .error then "  ERROR: \(.error)" else "" end),
      (.steps[] | "      \(.from // "(full)") -> \(.to)  \(.bytesReplicated) bytes  \(.bytesPerSecond) B/s"
        + (if .resumed then "  (resumed)" else "" end))),
    (((($a.finishedAt | sub("\\.[0-9]+";"") | fromdate) - ($a.startedAt | sub("\\.[0-9]+";"") | fromdate))) as $secs
      | "total: \($a.stepsDone)/\($a.stepsTotal) steps, \($a.bytesReplicated) bytes in \($secs) s (listing,"
        + " planning and size estimates included): \(($a.bytesReplicated / ([$secs, 1] | max) / 1024) | floor) KiB/s")' \
    <<<"$PAIR_STATUS"
}

# verify SNAPSHOT: content of every dataset's SNAPSHOT equal on both sides
verify() {
  guest "set -e
  for ds in \$(zfs list -H -o name -r demosrc/data); do
    rel=\${ds#demosrc/}; dst=demodst/\$ds
    [ \"\$(zfs get -H -o value mounted \$dst)\" = yes ] || { zfs set mountpoint=/mnt/pair/dst/\$rel \$dst; zfs mount \$dst 2>/dev/null || true; }
    a=\$(cd /mnt/pair/demosrc/\$rel/.zfs/snapshot/$1 && find . -type f -print0 | LC_ALL=C sort -z | xargs -0r sha256sum | sha256sum | cut -c1-16)
    b=\$(cd /mnt/pair/dst/\$rel/.zfs/snapshot/$1 && find . -type f -print0 | LC_ALL=C sort -z | xargs -0r sha256sum | sha256sum | cut -c1-16)
    n=\$(cd /mnt/pair/demosrc/\$rel/.zfs/snapshot/$1 && find . -type f | wc -l)
    if [ \"\$a\" = \"\$b\" ]; then echo \"  \$ds@$1: \$n files, sha256 \$a on both sides\"; else echo \"  \$ds@$1: DIFFERS (\$a vs \$b)\"; exit 1; fi
  done" || die "received content differs from the source at @$1"
}

say "replication 1: initial (most_recent: a full send of each dataset's newest snapshot)"
pair_replicate
report
guest 'zfs list -r -t filesystem,snapshot -o name,used,jzrepl:placeholder demodst'
verify demo_3

say "replication 2: a 4th snapshot, sent incrementally"
guest 'set -e; M=/mnt/pair/demosrc/data
dd if=/dev/urandom of=$M/top-4.bin bs=256k count=4 status=none
echo "round 4" >> $M/b/notes-1.txt
rm $M/a/a-1.bin
zfs snapshot -r demosrc/data@demo_4'
pair_replicate
report
guest 'zfs list -r -t snapshot -o name,used demodst'
verify demo_4

say "holds and cursors left by the jobs"
"$JZ" --config "$WORK/pull.yml" zfs-abstraction list

say "demo OK: every snapshot's content is equal on source and receiver"
