#!/usr/bin/env bash
# System test of the Debian package: installs target/jzrepl_*_all.deb the way a user would, on a
# real Debian bookworm booted with systemd as PID 1 (a systemd-nspawn container), and checks what
# a sysadmin expects from any Debian package: the service enabled and running after install,
# restarted on upgrade with a changed config kept, stopped on remove, nothing left after purge;
# man page and bash completion working; no JVM warning on any command.
#
# The guest root is a minimal bookworm (main + contrib) made by debootstrap and cached under
# $JZREPL_TESTBED_DIR/pkgroot, keyed by RECIPE below (a cold machine builds it, ~5 min); the
# packages jzrepl depends on are downloaded into its apt cache, not installed: `apt install
# ./jzrepl_*.deb` in the guest resolves them from Debian's package lists itself. Every run boots a
# fresh copy-on-write overlay of that root, so the cache is never changed by a test.
#
# Usage: scripts/package-test.sh [DEB]      (default: the newest target/jzrepl_*_all.deb)
#        scripts/package-test.sh root       only build the cached root (idempotent)
# Env:   JZREPL_TESTBED_DIR  cache dir (default /var/cache/jzrepl-testbed)
#        MIRROR              Debian mirror for the guest (default: from the host's apt sources)
#        JZREPL_PKGTEST_KEEP=1  keep the run directory (guest overlay, logs) for inspection
set -euo pipefail
cd "$(dirname "$0")/.."

DIR=${JZREPL_TESTBED_DIR:-/var/cache/jzrepl-testbed}
RECIPE=1                          # bump when the root recipe changes: forces a rebuild
ROOT=$DIR/pkgroot
# What the guest has before jzrepl: systemd as PID 1, sshd, man, bash completion. No Java, no ZFS:
# those must come from the package's dependencies.
BASE_PKGS=systemd,systemd-sysv,dbus,openssh-server,man-db,bash-completion,less,iproute2,procps
# The package's dependencies (control: Depends), downloaded into the guest's apt cache only.
DEPS="openjdk-17-jre-headless openssh-client zfsutils-linux"

log() { echo "[package-test $(date +%T)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
root_stamp() { echo "recipe=$RECIPE"; }
root_ok() { [ -d "$ROOT/root" ] && [ "$(cat "$ROOT/stamp" 2>/dev/null)" = "$(root_stamp)" ]; }

unmount_chroot() { # a chroot process that just exited can keep a bind mount busy for a moment
  local d; for d in dev/pts dev sys proc; do
    mountpoint -q "$1/$d" 2>/dev/null || continue
    umount "$1/$d" 2>/dev/null || { sleep 2; umount "$1/$d" 2>/dev/null || umount -l "$1/$d"; }
  done
}

build_root() {
  local t0 W R mirror security srcs
  if root_ok; then log "guest root present ($(root_stamp)) in $ROOT"; return 0; fi
  command -v debootstrap >/dev/null || die "debootstrap missing: run scripts/setup-deps.sh"
  t0=$(now); W=$ROOT.work; R=$W/root
  srcs=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null | grep -E '^(URIs:|deb )' || true)
  mirror=${MIRROR:-$(grep -oE 'https?://[^ ]+/debian/?' <<<"$srcs" | grep -v security | head -1 || true)}
  security=${SECURITY:-$(grep -oE 'https?://[^ ]+/debian-security/?' <<<"$srcs" | head -1 || true)}
  [ -n "$mirror" ] || die "no Debian mirror in the host's apt sources; set MIRROR"
  log "building the guest root ($(root_stamp)) from $mirror (debootstrap, a few minutes)"
  unmount_chroot "$R"
  rm -rf "$W" "$ROOT"; mkdir -p "$W"
  trap 'unmount_chroot "'"$R"'"' EXIT
  debootstrap --variant=minbase --include="$BASE_PKGS" \
    bookworm "$R" "$mirror" >"$W/debootstrap.log" 2>&1 || die "debootstrap failed: see $W/debootstrap.log"
  rm -f "$R/etc/apt/sources.list"
  cat >"$R/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: bookworm bookworm-updates
Components: main contrib
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${security:-${mirror%/}-security}
Suites: bookworm-security
Components: main contrib
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  local d; for d in proc sys dev dev/pts; do mount --bind "/$d" "$R/$d"; done
  chroot "$R" apt-get update -qq >"$W/apt.log" 2>&1 || die "apt-get update failed: see $W/apt.log"
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive chroot "$R" apt-get install -y -q --download-only --no-install-recommends \
    $DEPS >"$W/deps.log" 2>&1 || die "downloading the dependencies failed: see $W/deps.log"
  unmount_chroot "$R"
  echo jzrepl-pkgtest >"$R/etc/hostname"
  printf '127.0.0.1 localhost\n127.0.1.1 jzrepl-pkgtest\n' >"$R/etc/hosts"
  root_stamp >"$W/stamp"
  mv "$W" "$ROOT"; trap - EXIT
  log "guest root built in $(since "$t0") s: $(du -sh "$ROOT/root" | cut -f1) in $ROOT"
}

# ---------------------------------------------------------------- the guest
RUN= NSPAWN_PID= LEADER= PORT= TB= TB_DIR= SRC= DST= HOST_DAEMON_PID=
BOOT_S=- INSTALL_S=- FORCED_MS=- TRUE_MS=- NOLIB_MS=- NEXT_VERSION= NEXT_DEB=
boot_guest() {
  local t0 state i
  RUN=$(mktemp -d /tmp/jzrepl-pkgtest.XXXXXX)
  mkdir -p "$RUN/upper" "$RUN/work" "$RUN/root" "$RUN/host"
  mount -t overlay overlay -o "lowerdir=$ROOT/root,upperdir=$RUN/upper,workdir=$RUN/work" "$RUN/root"
  # nspawn shares the host's network: the guest's sshd gets a free loopback port of its own
  PORT=$(free_port)
  SSH_OPTS+=(-p "$PORT")
  printf 'Port %s\nListenAddress 127.0.0.1\nUseDNS no\n' "$PORT" >"$RUN/root/etc/ssh/sshd_config.d/pkgtest.conf"
  write_completion_helper "$RUN/root"
  local bind=()
  [ -n "$TB" ] && bind=(--bind-ro="$TB_DIR")
  t0=$(now)
  systemd-nspawn -D "$RUN/root" -b --register=no --keep-unit --machine="jzrepl-pkgtest-$$" \
    --console=passive "${bind[@]}" >"$RUN/nspawn.log" 2>&1 &
  NSPAWN_PID=$!
  # the guest's PID 1: nspawn's child once it runs systemd (before that, nspawn's helper processes)
  for i in $(seq 100); do
    LEADER=$(pgrep -P "$NSPAWN_PID" | head -1 || true)
    if [ -n "$LEADER" ] && [ "$(cat "/proc/$LEADER/comm" 2>/dev/null)" = systemd ]; then break; fi
    LEADER=
    kill -0 "$NSPAWN_PID" 2>/dev/null || { cat "$RUN/nspawn.log" >&2; die "systemd-nspawn exited"; }
    sleep 0.2
  done
  [ -n "$LEADER" ] || die "no systemd in the container after 20 s: $(cat "$RUN/nspawn.log")"
  for i in $(seq 120); do
    state=$(guest systemctl is-system-running 2>/dev/null || true)
    case $state in running|degraded) break ;; esac
    sleep 0.5
  done
  case $state in running|degraded) ;; *) die "guest did not boot (state '$state')" ;; esac
  BOOT_S=$(since "$t0")
  log "guest booted with systemd as PID 1 in $BOOT_S s (state $state; sshd on 127.0.0.1:$PORT)"
}

# guest CMD...: runs a shell command line in the booted guest (all its namespaces), as root
guest() {
  nsenter -t "$LEADER" -m -u -i -n -p -- /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive /bin/bash -c "$*" </dev/null
}

free_port() {
  local p
  for p in $(shuf -i 20000-40000 -n 50); do
    ss -Hltn "sport = :$p" | grep -q . || { echo "$p"; return; }
  done
  die "no free port"
}

cleanup() {
  local rc=$?
  set +e
  [ -n "$HOST_DAEMON_PID" ] && kill "$HOST_DAEMON_PID" 2>/dev/null && wait "$HOST_DAEMON_PID" 2>/dev/null
  if [ $rc -ne 0 ] && [ -n "$LEADER" ]; then
    log "FAILED; the guest's journal for jzrepl:"
    guest journalctl -u jzrepl --no-pager -n 40 >&2
  fi
  if [ -n "$NSPAWN_PID" ]; then
    kill "$NSPAWN_PID" 2>/dev/null     # nspawn asks the guest's systemd to power off
    for _ in $(seq 60); do kill -0 "$NSPAWN_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$NSPAWN_PID" 2>/dev/null
    wait "$NSPAWN_PID" 2>/dev/null
  fi
  [ -n "$TB" ] && [ -n "$SRC" ] && "$TB/testbed-ssh" "zpool destroy -f $SRC; zpool destroy -f $DST; rm -f /var/tmp/$SRC.img /var/tmp/$DST.img" >/dev/null 2>&1
  if [ -n "$RUN" ]; then
    mountpoint -q "$RUN/root" && { umount "$RUN/root" 2>/dev/null || umount -l "$RUN/root"; }
    if [ "${JZREPL_PKGTEST_KEEP:-}" = 1 ]; then log "kept $RUN"; else rm -rf "$RUN"; fi
  fi
  exit $rc
}

check() { # check DESCRIPTION COMMAND...: runs the command on the host, fails the test if it fails
  local what=$1; shift
  if "$@"; then log "ok: $what"; else die "$what"; fi
}
gcheck() { # gcheck DESCRIPTION SHELL-LINE: the same for a command line in the guest
  local what=$1; shift
  if guest "$@"; then log "ok: $what"; else die "$what (in the guest: $*)"; fi
}

wait_active() { # wait_active: the guest's jzrepl.service is active (ExecStartPre runs first)
  local i s
  for i in $(seq 60); do
    s=$(guest systemctl is-active jzrepl 2>/dev/null || true)
    [ "$s" = active ] && return 0
    [ "$s" = failed ] && break
    sleep 0.5
  done
  guest systemctl status jzrepl --no-pager >&2 || true
  return 1
}

# no JVM warning, no error: every command's stderr must be empty
quiet() { # quiet SHELL-LINE: runs it in the guest; stdout passes, any stderr fails the test
  local err
  err=$(guest "$* 2>&1 >/dev/null") || die "in the guest: $* failed: $err"
  [ -z "$err" ] || die "in the guest: $* wrote to stderr: $err"
}

main_pid() { guest systemctl show -p MainPID --value jzrepl; }

# ---------------------------------------------------------------- 1. install
install_phase() {
  local t0 out v
  cp "$DEB" "$RUN/root/root/"
  t0=$(now)
  out=$(guest "cd /root && apt-get install -y -q --no-install-recommends ./$(basename "$DEB") 2>&1") ||
    { echo "$out" >&2; die "apt install ./$(basename "$DEB") failed"; }
  INSTALL_S=$(since "$t0")
  echo "$out" >"$RUN/install.log"
  log "apt install ./$(basename "$DEB") in $INSTALL_S s (the dependencies from the guest's apt cache)"
  # what postinst prints to the user: nothing of ours but dpkg's own lines
  ! grep -E 'jzrepl: WARNING|build-cds|No such file|shared archive|Exception' "$RUN/install.log" >&2 ||
    die "the installation printed a warning (above)"
  log "ok: installation printed no warning"
  v=$(dpkg-deb -f "$DEB" Version)
  gcheck "dpkg: jzrepl $v installed" "dpkg-query -W -f='\${Status} \${Version}' jzrepl | grep -qx 'install ok installed $v'"
  gcheck "no JDK in the guest (jar tool absent)" "! command -v jar && ! ls /usr/lib/jvm/*/bin/jar 2>/dev/null"
  gcheck "service enabled" "[ \"\$(systemctl is-enabled jzrepl)\" = enabled ]"
  check "service active" wait_active
  quiet "journalctl -u jzrepl --no-pager -o cat | grep -iE 'warn|error|exception|fail' && exit 1 || exit 0"
  log "ok: journal of jzrepl has no warning or error"
  guest "systemctl status jzrepl --no-pager -n 0 | sed -n '1,4p'" | sed 's/^/  | /' >&2
  guest "journalctl -u jzrepl --no-pager -o short-monotonic | tail -5" | sed 's/^/  | /' >&2
  quiet "jzrepl version"
  quiet "jzrepl configcheck -q"
  quiet "jzrepl status --mode raw >/dev/null"
  log "ok: jzrepl version, configcheck and status print nothing on stderr"
  gcheck "changelog, copyright in /usr/share/doc/jzrepl" \
    "zcat /usr/share/doc/jzrepl/changelog.gz | head -1 | grep -q '^jzrepl ($v)' && grep -q '^Format: ' /usr/share/doc/jzrepl/copyright"
  gcheck "man jzrepl (gzipped page) renders" "man -w jzrepl | grep -qx /usr/share/man/man1/jzrepl.1.gz && man -P cat jzrepl 2>/dev/null | grep -q 'jzrepl'"
  gcheck "native library extracted (ELF) and both class-data archives built in /var/cache/jzrepl" \
    "head -c4 /var/cache/jzrepl/libjunixsocket-native.so | grep -q ELF && [ -s /var/cache/jzrepl/jzrepl.jsa ] && [ -s /var/cache/jzrepl/jzrepl-stdinserver.jsa ]"
  gcheck "runtime directories 0700" "[ \"\$(stat -c %a /run/jzrepl /run/jzrepl/stdinserver | sort -u)\" = 700 ]"
  gcheck "bash completion: jzrepl <TAB> offers the subcommands" \
    "[ \"\$(complete-words jzrepl '' | grep -cxE 'daemon|stdinserver|status|signal|configcheck|test|zfs-abstraction|version|help')\" = 9 ]"
}

# A real bash with the system's bash-completion, as an interactive shell loads jzrepl's completion
# (on demand, from /usr/share/bash-completion/completions): the words offered for the command line
# WORD... with the cursor at the end of the last word (give '' to complete a new word).
write_completion_helper() {
  cat >"$1/usr/local/bin/complete-words" <<'SH'
#!/bin/bash
source /usr/share/bash-completion/bash_completion
_completion_loader "$1"
compopt() { :; }   # readline's; there is no readline here
COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
fn=$(complete -p "$1" | sed -E 's/.*-F ([^ ]+).*/\1/')
"$fn" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
SH
  chmod 755 "$1/usr/local/bin/complete-words"
}

# ---------------------------------------------------------------- 2. a data host, as the README says
data_host_phase() {
  local fs=tank/data key1 key2
  [ -n "$TB" ] && fs=$SRC/data
  ssh-keygen -q -t ed25519 -N '' -C backup1 -f "$RUN/host/id_ed25519"
  ssh-keygen -q -t ed25519 -N '' -C baseline -f "$RUN/host/id_true"
  key1=$(cat "$RUN/host/id_ed25519.pub"); key2=$(cat "$RUN/host/id_true.pub")
  install -d -m 700 "$RUN/root/root/.ssh"
  {
    echo "command=\"/usr/bin/jzrepl stdinserver backup1\",restrict $key1"
    echo "command=\"true\",restrict $key2"   # the baseline of the start-time measurement
  } >"$RUN/root/root/.ssh/authorized_keys"
  chmod 600 "$RUN/root/root/.ssh/authorized_keys"
  echo 'PermitRootLogin forced-commands-only' >"$RUN/root/etc/ssh/sshd_config.d/forced-commands.conf"
  gcheck "sshd reloaded with PermitRootLogin forced-commands-only" "systemctl reload ssh && sshd -T | grep -qx 'permitrootlogin forced-commands-only'"
  cat >"$RUN/root/etc/jzrepl/jzrepl.yml" <<YML
# changed by the administrator (package-test.sh): a data host serving backup1
global:
  logging:
    - type: stdout
      level: info
      format: human
      time: false
      color: false
jobs:
  - name: backup_source
    type: source
    serve:
      type: stdinserver
      client_identities:
        - backup1
    filesystems:
      "$fs<": true
    snapshotting:
      type: manual
YML
  if [ -n "$TB" ]; then
    # Test-only: the guest has no ZFS kernel module; its daemon runs zfs in the testbed VM through
    # the testbed's wrapper (ssh to the VM), bind-mounted read-only into the guest.
    mkdir -p "$RUN/root/etc/systemd/system/jzrepl.service.d"
    printf '[Service]\nEnvironment=JZREPL_ZFS_BIN=%s/zfs\n' "$TB" >"$RUN/root/etc/systemd/system/jzrepl.service.d/testbed.conf"
  fi
  gcheck "configcheck accepts the data host config" "jzrepl configcheck -q"
  gcheck "systemctl restart jzrepl" "systemctl daemon-reload && systemctl restart jzrepl"
  check "service active with the source job" wait_active
  gcheck "the stdinserver socket for backup1 is there" "for i in \$(seq 40); do [ -S /run/jzrepl/stdinserver/backup1 ] && exit 0; sleep 0.5; done; exit 1"
  gcheck "bash completion: jzrepl signal wakeup <TAB> offers the config's job" "[ \"\$(complete-words jzrepl signal wakeup '')\" = backup_source ]"
  gcheck "bash completion: jzrepl status --job <TAB>" "[ \"\$(complete-words jzrepl status --job '')\" = backup_source ]"
  gcheck "bash completion: jzrepl test filesystems --job b<TAB>" "[ \"\$(complete-words jzrepl test filesystems --job b)\" = backup_source ]"
  measure_forced_command
}

# The forced command's start on this JRE-only install: an OpenSSH session whose forced command is
# `jzrepl stdinserver backup1` (JVM start, hand-over to the daemon, the daemon's HELO, the client's
# BEGIN, EOF, close) against one whose forced command is `true`; same sshd, same key type;
# interleaved, median of ROUNDS. Then once more without the extracted native library (as before
# the package extracted it: junixsocket unpacks it into a temp directory on every start).
measure_forced_command() {
  local rounds=${JZREPL_PKGTEST_ROUNDS:-5} lib=/var/cache/jzrepl/libjunixsocket-native.so
  { printf 'JZREPL_STDINSERVER_BEGIN v1'; head -c 5 /dev/zero; } >"$RUN/begin.bin"
  ssh "${SSH_OPTS[@]}" -i "$RUN/host/id_true" root@127.0.0.1 </dev/null || die "ssh with the baseline key failed"
  time_sessions "$rounds" >"$RUN/times"; read -r FORCED_MS TRUE_MS <"$RUN/times"
  log "forced command start (JRE only, median of $rounds): stdinserver session $FORCED_MS ms, \`true\` session $TRUE_MS ms"
  guest "mv $lib $lib.away"
  time_sessions 3 >"$RUN/times"; read -r NOLIB_MS _ <"$RUN/times"
  guest "mv $lib.away $lib"
  log "the same without the extracted native library (median of 3): stdinserver session $NOLIB_MS ms"
  # each measured session ends after the banners, so the daemon warns about its RPC handshake; nothing else
  quiet "journalctl -u jzrepl --no-pager -o cat | grep -E 'WARN|ERROR' | grep -v 'BAD_HANDSHAKE: peer closed the connection during the handshake' && exit 1 || exit 0"
  log "ok: the daemon logged no other warning for these sessions (only the RPC handshake the measurement cuts off)"
}

# time_sessions ROUNDS: prints the median ms of a stdinserver session and of a `true` session
time_sessions() {
  local i a ta=() tb=()
  for i in $(seq "$1"); do
    a=$(date +%s%N)
    ssh "${SSH_OPTS[@]}" -i "$RUN/host/id_ed25519" root@127.0.0.1 <"$RUN/begin.bin" >"$RUN/forced.out" 2>"$RUN/forced.err" || true
    ta+=("$(( ($(date +%s%N) - a) / 1000000 ))")
    grep -q JZREPL_STDINSERVER_HELO "$RUN/forced.out" ||
      die "the forced command's session did not get the daemon's HELO: $(tr -c '[:print:]\n' '.' <"$RUN/forced.out") $(cat "$RUN/forced.err")"
    a=$(date +%s%N); ssh "${SSH_OPTS[@]}" -i "$RUN/host/id_true" root@127.0.0.1 </dev/null
    tb+=("$(( ($(date +%s%N) - a) / 1000000 ))")
  done
  echo "$(median "${ta[@]}") $(median "${tb[@]}")"
}
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
SSH_OPTS=(-o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR)

# ---------------------------------------------------------------- 3. replication through it
make_pools() {
  "$TB/testbed-ssh" "set -e; for p in $SRC $DST; do truncate -s 256M /var/tmp/\$p.img; zpool create -f -m none -o ashift=12 \$p /var/tmp/\$p.img; done
    zfs create -o mountpoint=/var/tmp/$SRC-data $SRC/data; zfs create $DST/backup
    head -c 2M /dev/urandom >/var/tmp/$SRC-data/one; zfs snapshot $SRC/data@zrepl_1" ||
    die "could not create the test pools in the testbed VM"
}

start_host_pull() {
  local h=$RUN/host
  install -d -m 700 "$h/run" "$h/run/stdinserver"
  for k in "$RUN"/root/etc/ssh/ssh_host_*_key.pub; do
    echo "[127.0.0.1]:$PORT $(cut -d' ' -f1-2 "$k")"
  done >"$h/known_hosts"
  cat >"$h/jzrepl.yml" <<YML
global:
  logging:
    - type: stdout
      level: info
      format: human
  control:
    sockpath: $h/run/control
  serve:
    stdinserver:
      sockdir: $h/run/stdinserver
jobs:
  - name: pull_guest
    type: pull
    connect:
      type: ssh+stdinserver
      host: 127.0.0.1
      user: root
      port: $PORT
      identity_file: $h/id_ed25519
      known_hosts: $h/known_hosts
    root_fs: $DST/backup
    interval: 1h
    pruning:
      keep_sender:
        - type: not_replicated
        - type: last_n
          count: 10
      keep_receiver:
        - type: last_n
          count: 10
YML
  JZREPL_ZFS_BIN=$TB/zfs bin/jzrepl -c "$h/jzrepl.yml" daemon >"$h/daemon.log" 2>&1 &
  HOST_DAEMON_PID=$!
}

wait_snapshot() { # wait_snapshot NAME: until the testbed has it (180 s)
  local i
  for i in $(seq 180); do
    "$TB/zfs" list -H -o name "$1" >/dev/null 2>&1 && return 0
    kill -0 "$HOST_DAEMON_PID" 2>/dev/null || { cat "$RUN/host/daemon.log" >&2; die "the host's pull daemon exited"; }
    if grep -q 'replication run ended FAILED' "$RUN/host/daemon.log"; then tail -20 "$RUN/host/daemon.log" >&2; return 1; fi
    sleep 1
  done
  tail -30 "$RUN/host/daemon.log" >&2
  return 1
}

same_guid() { [ "$("$TB/zfs" get -H -o value guid "$SRC/data@$1")" = "$("$TB/zfs" get -H -o value guid "$DST/backup/$SRC/data@$1")" ]; }

replicate_first() {
  local t0
  make_pools
  t0=$(now)
  start_host_pull     # a pull job runs at start
  check "the host's pull daemon replicated $SRC/data@zrepl_1 through the guest's sshd and jzrepl" wait_snapshot "$DST/backup/$SRC/data@zrepl_1"
  log "first replication (full) in $(since "$t0") s"
  check "received snapshot has the source's guid" same_guid zrepl_1
  gcheck "the guest's journal shows the pull served" "journalctl -u jzrepl --no-pager -o cat | grep -q backup1"
}

replicate_incremental() {
  local t0
  "$TB/testbed-ssh" "head -c 1M /dev/urandom >/var/tmp/$SRC-data/two && zfs snapshot $SRC/data@zrepl_2" || die "zfs snapshot failed"
  t0=$(now)
  check "signal wakeup" env JZREPL_ZFS_BIN="$TB/zfs" bin/jzrepl -c "$RUN/host/jzrepl.yml" signal wakeup pull_guest
  check "the upgraded guest served the next replication" wait_snapshot "$DST/backup/$SRC/data@zrepl_2"
  log "second replication in $(since "$t0") s"
  check "it was incremental: zrepl_1 kept on the receiver with its guid" same_guid zrepl_1
  check "zrepl_2 received with the source's guid" same_guid zrepl_2
  check "the received files equal the source's" "$TB/testbed-ssh" "set -e; zfs set readonly=on $DST/backup/$SRC/data
    zfs set mountpoint=/var/tmp/$DST-data $DST/backup/$SRC/data; zfs mount $DST/backup/$SRC/data 2>/dev/null || true
    cd /var/tmp/$SRC-data && sha256sum one two | (cd /var/tmp/$DST-data && sha256sum -c --quiet -)"
}

# ---------------------------------------------------------------- 4. upgrade
# The next version: this package with a higher version and a jar of a new date (so the class-data
# archives built for the old one are stale until postinst rebuilds them).
make_upgrade() {
  local v x=$RUN/next
  v=$(dpkg-deb -f "$DEB" Version)
  NEXT_VERSION="$v+pkgtest1"
  dpkg-deb -R "$DEB" "$x"
  sed -i "s/^Version: .*/Version: $NEXT_VERSION/" "$x/DEBIAN/control"
  touch "$x/usr/share/jzrepl/jzrepl.jar"
  NEXT_DEB=$RUN/jzrepl_${NEXT_VERSION}_all.deb
  dpkg-deb --root-owner-group -Zxz -b "$x" "$NEXT_DEB" >/dev/null
  dpkg --compare-versions "$NEXT_VERSION" gt "$v" || die "$NEXT_VERSION is not above $v"
}

upgrade_phase() {
  local pid0 conf0 jsa0 out t0
  make_upgrade
  pid0=$(main_pid); conf0=$(guest sha256sum /etc/jzrepl/jzrepl.yml)
  jsa0=$(guest stat -c %Y /var/cache/jzrepl/jzrepl-stdinserver.jsa)
  cp "$NEXT_DEB" "$RUN/root/root/"
  sleep 1
  t0=$(now)
  out=$(guest "cd /root && apt-get install -y -q --no-install-recommends ./$(basename "$NEXT_DEB") 2>&1") ||
    { echo "$out" >&2; die "the upgrade failed"; }
  log "apt install ./$(basename "$NEXT_DEB") (upgrade) in $(since "$t0") s"
  ! grep -E 'jzrepl: WARNING|build-cds|shared archive|Exception|conffile' <<<"$out" >&2 || die "the upgrade printed a warning or asked about the config (above)"
  gcheck "jzrepl $NEXT_VERSION installed" "dpkg-query -W -f='\${Version}' jzrepl | grep -qx '$NEXT_VERSION'"
  check "service active after the upgrade" wait_active
  [ "$(main_pid)" != "$pid0" ] || die "the service was not restarted by the upgrade (MainPID $pid0)"
  log "ok: service restarted (MainPID $pid0 -> $(main_pid))"
  [ "$(guest sha256sum /etc/jzrepl/jzrepl.yml)" = "$conf0" ] || die "the upgrade changed the administrator's /etc/jzrepl/jzrepl.yml"
  gcheck "the changed config kept, no .dpkg-dist/.dpkg-new next to it" "! ls /etc/jzrepl/*.dpkg-* 2>/dev/null && grep -q 'changed by the administrator' /etc/jzrepl/jzrepl.yml"
  [ "$(guest stat -c %Y /var/cache/jzrepl/jzrepl-stdinserver.jsa)" -gt "$jsa0" ] || die "postinst did not rebuild the class-data archive"
  log "ok: class-data archives rebuilt for the new jar"
  quiet "jzrepl version"
  quiet "jzrepl status --mode raw >/dev/null"
  quiet "journalctl -u jzrepl --no-pager -o cat | grep -E 'Failed with result|status=' && exit 1 || exit 0"
  log "ok: every stop and restart so far ended cleanly (journal)"
  check "service enabled after the upgrade" guest "[ \"\$(systemctl is-enabled jzrepl)\" = enabled ]"
}

# ---------------------------------------------------------------- 5. remove, purge
remove_phase() {
  local left
  if [ -n "$HOST_DAEMON_PID" ]; then kill "$HOST_DAEMON_PID"; wait "$HOST_DAEMON_PID" 2>/dev/null || true; HOST_DAEMON_PID=; fi
  gcheck "apt-get remove jzrepl" "apt-get remove -y -q jzrepl >/dev/null 2>&1"
  gcheck "service stopped" "! systemctl is-active -q jzrepl && ! pgrep -f '[j]ava .*jzrepl.jar daemon'"
  gcheck "program gone, config kept (removed, not purged)" \
    "[ ! -e /usr/bin/jzrepl ] && [ ! -e /usr/share/jzrepl ] && [ ! -e /var/cache/jzrepl ] && [ -f /etc/jzrepl/jzrepl.yml ] &&
     dpkg-query -W -f='\${Status}' jzrepl | grep -qx 'deinstall ok config-files'"
  # the administrator's own files (not the package's) go first, as a user would remove them
  guest "rm -rf /etc/systemd/system/jzrepl.service.d; systemctl daemon-reload"
  gcheck "apt-get purge jzrepl" "apt-get purge -y -q jzrepl >/dev/null 2>&1"
  gcheck "dpkg no longer knows jzrepl" "! dpkg-query -W -f='\${Status}' jzrepl 2>/dev/null | grep -q ."
  # not counted: the test's own files (/root: the .deb files, /usr/local: its completion helper,
  # the testbed's bind mount), logs, and man-db's cache of formatted pages (`man jzrepl` above;
  # man-db's daily mandb run prunes pages whose source is gone)
  left=$(guest "find / -xdev \\( -path /proc -o -path /sys -o -path /root -o -path /usr/local -o -path /var/log -o -path /var/cache/man ${TB_DIR:+-o -path $TB_DIR} \\) -prune -o -name '*jzrepl*' -print; ls -d /run/jzrepl 2>/dev/null" || true)
  [ -z "$left" ] || die "left after purge: $left"
  log "ok: purge left nothing named jzrepl (runtime, cache, config, unit, enablement links)"
  if [ -n "$TB" ]; then
    check "the user's datasets are still there" "$TB/zfs" list -H -o name "$SRC/data@zrepl_2" "$DST/backup/$SRC/data@zrepl_2"
  fi
}

# ---------------------------------------------------------------- main
case "${1:-}" in
  root) build_root; exit 0 ;;
  -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
esac
DEB=${1:-$(ls -t target/jzrepl_*_all.deb 2>/dev/null | head -1 || true)}
[ -n "$DEB" ] && [ -f "$DEB" ] || die "no package: run mvn -B package -DskipTests first (or name the .deb)"
DEB=$(readlink -f "$DEB")
[ "$(id -u)" = 0 ] || die "run as root (debootstrap, overlay mounts, systemd-nspawn)"
T0=$(now)
bash scripts/setup-deps.sh
# lintian: no error and no warning (the accepted ones are overridden, with reasons, in the package)
check "lintian $(basename "$DEB"): no error, no warning" lintian --fail-on error,warning "$DEB"
build_root
trap cleanup EXIT
# Replication needs real ZFS: the testbed VM (scripts/zfs-testbed.sh). Used when it runs; in CI
# (CI=true) .ci/run starts it first, so a missing testbed fails there instead of skipping.
if [ -n "${JZREPL_ZFS_BIN_DIR:-}" ] && "$JZREPL_ZFS_BIN_DIR/testbed-ssh" true 2>/dev/null; then
  TB=$(readlink -f "$JZREPL_ZFS_BIN_DIR"); TB_DIR=$(dirname "$TB")
  SRC=pkgt$$s DST=pkgt$$d    # the test's pools in the VM
elif [ "${CI:-}" = true ]; then
  die "CI: no running ZFS testbed (JZREPL_ZFS_BIN_DIR); .ci/run starts it"
else
  log "no running ZFS testbed (JZREPL_ZFS_BIN_DIR): replication through the package is skipped"
fi
boot_guest
install_phase
data_host_phase
[ -n "$TB" ] && replicate_first
upgrade_phase
[ -n "$TB" ] && replicate_incremental
remove_phase
log "PASSED in $(since "$T0") s (guest boot $BOOT_S s, install $INSTALL_S s; forced command $FORCED_MS ms, without the extracted library $NOLIB_MS ms, \`true\` $TRUE_MS ms)"
