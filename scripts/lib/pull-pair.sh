# Sourced by scripts/demo.sh and scripts/bench/replicate.sh: a data host and a backup host on
# this machine. Both use the one ZFS testbed VM (different pools); the data host's source daemon
# is reached through a loopback OpenSSH sshd whose authorized_keys forces
# `bin/jzrepl stdinserver IDENT`, the backup host's pull daemon (interval: manual) dials it with
# jzrepl's own SSH client.
#
# Caller sets before sourcing: nothing. Provides: ROOT JZ WORK PORT, guest CMD, pair_* functions.
# Call pair_setup first; it installs a cleanup trap (daemons, sshd, pools listed in PAIR_POOLS,
# the own testbed connection of pair_testbed_master, the testbed if it started it).
# scripts/bench/fanin.sh uses the pieces for a sink and a push daemon instead.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
JZ=$ROOT/bin/jzrepl
PAIR_POOLS=()
pair_pids=()
declare -A PAIR_PID=()
pair_started_testbed=
pair_master_conf=
say() { printf '\n== %s\n' "$*"; }
die() { echo "${0##*/}: FAILED: $*" >&2; exit 1; }
guest() { "$JZREPL_ZFS_BIN_DIR/testbed-ssh" "$*"; }

pair_cleanup() {
  local rc=$? p
  trap - EXIT INT TERM   # once: after INT or TERM, exit would run it again
  for p in "${pair_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pair_pids[@]}"; do wait "$p" 2>/dev/null || true; done
  # zfs commands the daemons started may still run in the VM (their ssh sessions end, the commands
  # do not) and keep a pool busy for a while: try again for up to a minute. Only this run's pools
  # and mountpoints go: another benchmark may have its pools mounted under /mnt/pair too.
  for p in "${PAIR_POOLS[@]}"; do
    guest "for i in \$(seq 1 20); do zpool list $p >/dev/null 2>&1 || break; zpool destroy -f $p 2>/dev/null || sleep 3; done
           rm -f /var/tmp/$p.img; rmdir /mnt/pair/$p 2>/dev/null; rmdir /mnt/pair 2>/dev/null
           ! zpool list $p >/dev/null 2>&1" >/dev/null 2>&1 || echo "${0##*/}: could not destroy pool $p in the testbed VM" >&2
  done
  [ -n "$pair_master_conf" ] && pair_testbed_master_close
  [ -n "$pair_started_testbed" ] && "$ROOT/scripts/zfs-testbed.sh" stop >/dev/null 2>&1 || true
  if [ "${JZREPL_KEEP:-}" = 1 ] || [ $rc -ne 0 ]; then
    echo "${0##*/}: work directory (configs, daemon logs) kept in $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  exit $rc
}

# pair_setup: dependencies, build (skipped with JZREPL_SKIP_BUILD=1), testbed, work directory, cleanup trap.
pair_setup() {
  cd "$ROOT"
  if [ "${JZREPL_SKIP_BUILD:-}" = 1 ] && [ -f target/jzrepl.jar ]; then
    # another benchmark's daemons may be running this jar: rebuilding it under them would break them
    say "no build (JZREPL_SKIP_BUILD=1): target/jzrepl.jar as it is"
  else
    say "dependencies and build"
    bash scripts/setup-deps.sh
    mvn -B -q -ntp package -DskipTests
    bash scripts/build-cds.sh target/jzrepl.jar 2>/dev/null || true   # as the package does; only speed
  fi
  say "ZFS testbed"
  if ! scripts/zfs-testbed.sh status | grep -q '^running'; then
    scripts/zfs-testbed.sh build
    scripts/zfs-testbed.sh start
    pair_started_testbed=1
  fi
  eval "$(scripts/zfs-testbed.sh env)"
  export JZREPL_ZFS_BIN=$JZREPL_ZFS_BIN_DIR/zfs
  WORK=$(mktemp -d /tmp/jzrepl-pair.XXXXXX)
  chmod 700 "$WORK"
  trap pair_cleanup EXIT INT TERM
}

# pair_testbed_master MAXSESSIONS: an own ssh connection to the testbed VM, for more concurrent zfs
# commands than the testbed's shared one carries (its guest sshd allows MaxSessions 100 per
# connection). Raises the guest's MaxSessions (a SIGHUP: connections opened afterwards get it),
# copies the wrappers of $JZREPL_ZFS_BIN_DIR to $WORK/zbin with their own ControlPath, opens that
# master and points JZREPL_ZFS_BIN_DIR (guest, the wrappers) and JZREPL_ZFS_BIN (the daemons started
# afterwards) at the copies. The cleanup restores the guest's setting and closes the master.
pair_testbed_master() {
  local d=$WORK/zbin c
  pair_master_conf=/etc/ssh/sshd_config.d/testbed.conf
  guest "set -e; c=$pair_master_conf; [ -e \$c.pair-orig ] || cp \$c \$c.pair-orig
         { grep -v '^MaxSessions' \$c.pair-orig; echo 'MaxSessions $1'; } > \$c; kill -HUP \$(cat /run/sshd.pid)" ||
    die "could not raise MaxSessions in the testbed VM"
  mkdir -p "$d"
  for c in zfs zpool testbed-ssh; do
    sed "s|ControlPath=[^ ]*|ControlPath=$d/mux.sock|" "$JZREPL_ZFS_BIN_DIR/$c" > "$d/$c"
    grep -q "ControlPath=$d/mux.sock" "$d/$c" || die "no ControlPath in $JZREPL_ZFS_BIN_DIR/$c"
  done
  # ssh-opts: ssh with the wrappers' options, without ControlMaster and destination
  sed 's| -o ControlMaster=no root@127.0.0.1 -- "\$@"| "$@"|' "$d/testbed-ssh" > "$d/ssh-opts"
  grep -q ' "\$@"$' "$d/ssh-opts" && ! grep -q ControlMaster "$d/ssh-opts" || die "unexpected wrapper $d/testbed-ssh"
  chmod +x "$d"/*
  export JZREPL_ZFS_BIN_DIR=$d JZREPL_ZFS_BIN=$d/zfs
  # The master tolerates 2 minutes without an answer to its keepalives (the wrappers' 30 s is
  # short for a VM running a hundred zfs commands); then the wrappers would dial on their own.
  for _ in $(seq 1 20); do   # the guest's sshd re-executes itself after the SIGHUP
    "$d/ssh-opts" -o ControlMaster=yes -o ControlPersist=yes -o ServerAliveCountMax=12 -f -N root@127.0.0.1 \
      2>/dev/null && break
    sleep 0.5
  done
  [ -S "$d/mux.sock" ] && guest "grep -q '^MaxSessions $1\$' $pair_master_conf" || die "no own ssh connection to the testbed VM"
}

# pair_testbed_master_check: fails unless the own connection of pair_testbed_master is up.
pair_testbed_master_check() {
  "$WORK/zbin/ssh-opts" -O check root@127.0.0.1 2>/dev/null || die "the own ssh connection to the testbed VM is gone"
}

pair_testbed_master_close() {
  guest "c=$pair_master_conf; [ -e \$c.pair-orig ] && mv \$c.pair-orig \$c && kill -HUP \$(cat /run/sshd.pid)" \
    >/dev/null 2>&1 || true
  "$WORK/zbin/ssh-opts" -O exit root@127.0.0.1 >/dev/null 2>&1 || true
}

# pair_pools SRC DST: fresh file-backed pools; SRC mounted under /mnt/pair/SRC, DST unmounted.
pair_pools() {
  PAIR_POOLS+=("$1" "$2")
  guest "set -e
  for p in $1 $2; do zpool destroy -f \$p 2>/dev/null || true; truncate -s ${PAIR_POOL_SIZE:-512M} /var/tmp/\$p.img; done
  zpool create -f -o ashift=12 -m /mnt/pair/$1 $1 /var/tmp/$1.img
  zpool create -f -o ashift=12 -m none $2 /var/tmp/$2.img"
}

# pair_sshd [IDENT]: loopback sshd; a key (baseline_key, for benchmarks) is forced to `cat`, and
# with IDENT client_key is forced to `jzrepl stdinserver IDENT` of the source daemon. PAIR_SSHD_MAX,
# when set, is sshd's MaxStartups and MaxSessions (for many concurrent logins). Forced commands
# run with HOME=$WORK/home: sshd runs them with root's shell, and bash run by sshd reads
# ~/.bashrc even when not interactive (on the project's machine: `pyenv init`, ~1 s of CPU per
# login, and a lock that concurrent logins wait on for up to 60 s).
pair_sshd() {
  say "loopback sshd with the forced command"
  ssh-keygen -q -t ed25519 -N '' -C jzrepl-pair-host -f "$WORK/host_key"
  ssh-keygen -q -t ed25519 -N '' -C jzrepl-pair-baseline -f "$WORK/baseline_key"
  mkdir -p /run/sshd "$WORK/home"
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
    || shuf -i 20000-60000 -n 1)
  printf 'command="cat",restrict %s\n' "$(cat "$WORK/baseline_key.pub")" > "$WORK/authorized_keys"
  [ -z "${1:-}" ] || pair_forced_key client_key "$1" "$WORK/src/stdinserver"
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
SetEnv HOME=$WORK/home
EOF
  [ -z "${PAIR_SSHD_MAX:-}" ] || printf 'MaxStartups %s\nMaxSessions %s\n' "$PAIR_SSHD_MAX" "$PAIR_SSHD_MAX" >> "$WORK/sshd_config"
  echo "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$WORK/host_key.pub")" > "$WORK/known_hosts"
  /usr/sbin/sshd -D -e -f "$WORK/sshd_config" 2> "$WORK/sshd.log" &
  pair_pids+=($!)
}

# pair_forced_key KEY IDENT SOCKDIR: a new key $WORK/KEY, forced to `jzrepl stdinserver IDENT` of
# the daemon whose stdinserver sockdir is SOCKDIR (sshd reads authorized_keys at every login).
pair_forced_key() {
  ssh-keygen -q -t ed25519 -N '' -C "jzrepl-pair-$2" -f "$WORK/$1"
  printf 'command="%s stdinserver --sockdir %s %s",restrict %s\n' "$JZ" "$3" "$2" "$(cat "$WORK/$1.pub")" \
    >> "$WORK/authorized_keys"
}

# pair_global NAME [serve]: the `global` section of daemon NAME's config: log to stderr, control
# socket $WORK/NAME/control and, with `serve`, stdinserver sockdir $WORK/NAME/stdinserver.
pair_global() {
  cat <<EOF
global:
  logging:
    - {type: stdout, level: ${PAIR_LOG_LEVEL:-info}, format: human}
  control:
    sockpath: $WORK/$1/control
EOF
  [ "${2:-}" != serve ] || printf '  serve:\n    stdinserver:\n      sockdir: %s\n' "$WORK/$1/stdinserver"
}

# pair_configs SRC_JOB FILTER IDENT PULL_JOB ROOT_FS: source and pull configs, checked.
pair_configs() {
  mkdir -p "$WORK/src" "$WORK/pull"
  chmod 700 "$WORK/src" "$WORK/pull"
  PULL_JOB=$4
  { pair_global src serve; cat <<EOF
jobs:
  - name: $1
    type: source
    serve:
      type: stdinserver
      client_identities: [$3]
    filesystems:
      "$2": true
    snapshotting:
      type: manual
EOF
  } > "$WORK/src.yml"
  { pair_global pull; cat <<EOF
jobs:
  - name: $4
    type: pull
    connect:
      type: ssh+stdinserver
      host: 127.0.0.1
      user: root
      port: $PORT
      identity_file: $WORK/client_key
      known_hosts: $WORK/known_hosts
    root_fs: $5
    interval: manual
    pruning:
      keep_sender: []
      keep_receiver: []
EOF
  } > "$WORK/pull.yml"
  "$JZ" --config "$WORK/src.yml" configcheck -q
  "$JZ" --config "$WORK/pull.yml" configcheck -q
}

# pair_daemon_start NAME: starts the daemon of $WORK/NAME.yml (log $WORK/NAME-daemon.log, pid in
# PAIR_PID[NAME]); pair_daemon_wait NAME waits for its control socket.
pair_daemon_start() {
  "$JZ" --config "$WORK/$1.yml" daemon > "$WORK/$1-daemon.log" 2>&1 &
  PAIR_PID[$1]=$!
  pair_pids+=($!)
}
pair_daemon_wait() {
  for _ in $(seq 1 120); do
    [ -S "$WORK/$1/control" ] && return 0
    kill -0 "${PAIR_PID[$1]}" 2>/dev/null || break
    sleep 0.5
  done
  cat "$WORK/$1-daemon.log" >&2; die "the $1 daemon did not start"
}

# pair_daemons: starts the source and the pull daemon and waits for their control sockets.
pair_daemons() {
  say "daemons (source on the data host, pull on the backup host)"
  pair_daemon_start src
  pair_daemon_start pull
  PAIR_PULL_PID=${PAIR_PID[pull]}
  pair_daemon_wait pull
  pair_daemon_wait src
}

# pair_status NAME: daemon NAME's status (GET /status on its control socket, the same JSON
# `jzrepl status --mode raw` prints), read with curl, which starts faster than a JVM.
pair_status() {
  curl -sf --max-time 5 --unix-socket "$WORK/$1/control" http://jzrepl/status
}

# The pull job's status.
pair_pull_status() {
  pair_status pull | jq --arg j "$PULL_JOB" '.jobs[] | select(.name == $j)'
}

# pair_replicate: wakes the pull job and waits until it logs the end of a run; the job's status
# afterwards is in PAIR_STATUS. Fails unless the run ended DONE. The wait reads the daemon's log
# (a grep every 0.5 s) instead of polling the status: curl and jq cost ~25 ms of CPU each, which
# the benchmark's transfers would lose to the emulated VM.
pair_replicate() {
  local log=$WORK/pull-daemon.log before
  before=$(grep -c 'replication run ended' "$log" || true)
  "$JZ" --config "$WORK/pull.yml" signal wakeup "$PULL_JOB"
  for _ in $(seq 1 1200); do
    sleep 0.5
    [ "$(grep -c 'replication run ended' "$log" || true)" -gt "$before" ] && break
    kill -0 "$PAIR_PULL_PID" 2>/dev/null || { tail -20 "$log" >&2; die "the pull daemon exited"; }
  done
  [ "$(grep -c 'replication run ended' "$log" || true)" -gt "$before" ] ||
    die "replication run did not end within 10 minutes"
  PAIR_STATUS=$(pair_pull_status)
  [ "$(jq -r .last.state <<<"$PAIR_STATUS")" = DONE ] || {
    jq . <<<"$PAIR_STATUS" >&2; die "replication ended $(jq -r .last.state <<<"$PAIR_STATUS")"; }
}
