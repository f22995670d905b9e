#!/usr/bin/env bash
# System test of the Debian package: installs target/jzrepl_*_all.deb the way a user would, on a
# real Debian bookworm VM booted with systemd as PID 1 and with ZFS (its own kernel module, a real
# pool), and checks what a sysadmin expects from any Debian package: the service enabled and
# running after install, restarted on upgrade with a changed config kept, stopped on remove,
# nothing left after purge; man page and bash completion working; no JVM warning on any command;
# and a backup host (this machine) pulling a dataset tree from the VM's pool through the VM's real
# sshd and the packaged daemon, under its hardened unit.
#
# The guest image is derived from the ZFS testbed's image ($JZREPL_TESTBED_DIR/image, built by
# `scripts/zfs-testbed.sh build`): a copy of it with systemd-sysv, dbus, man-db, bash-completion,
# systemd-networkd for qemu's user-mode network, sshd and the zfs units enabled, and an initramfs
# that honours init= (the testbed's own boots its /sbin/testbed-init). The package's dependencies
# (its control file's Depends, read from the .deb under test) are installed into the image by
# `apt-get satisfy` in a chroot, from Debian's archive, on the host's CPU: that is where
# "dependencies resolve from Debian alone" is shown, and the guest's `apt install ./jzrepl_*.deb`
# then installs only jzrepl (under qemu TCG the JRE's and ca-certificates-java's own setup took
# 10 minutes). The image is cached in $JZREPL_TESTBED_DIR/pkgvm, keyed by RECIPE below, the
# testbed image's stamp and date and that Depends list.
# Once per image, the image is booted cold (its boot times stored in pkgvm-state/boot-times and
# printed by every run), the user's pool is created in it, and the booted VM's state is saved
# (QMP migrate to a file, as the ZFS testbed does) with the disk that matches it, in
# $JZREPL_TESTBED_DIR/pkgvm-state. Every run restores a copy of that disk and state (seconds),
# sets the guest clock from the host's and checks systemd, sshd and the pool; the cache is never
# changed by a test.
#
# Usage: scripts/package-test.sh [DEB]      (default: the newest target/jzrepl_*_all.deb)
#        scripts/package-test.sh image [DEB] only build the cached guest image and saved state
# Env:   JZREPL_TESTBED_DIR  cache dir (default /var/cache/jzrepl-testbed)
#        JZREPL_ZFS_BIN_DIR  the running ZFS testbed's wrappers: the pull daemon's target pool
#        JZREPL_PKGTEST_WAIT seconds the guest's cold boot may take (default 600: qemu TCG, no KVM)
#        JZREPL_PKGTEST_KEEP=1  keep the run directory (overlay, console, logs) for inspection
set -euo pipefail
cd "$(dirname "$0")/.."

DIR=${JZREPL_TESTBED_DIR:-/var/cache/jzrepl-testbed}
RECIPE=3                          # bump when the guest image recipe changes: forces a rebuild
TBIMG=$DIR/image                  # the ZFS testbed's image: kernel, initramfs, rootfs with zfs.ko
VM=$DIR/pkgvm                     # the derived guest image
STATE=$DIR/pkgvm-state            # its booted state: RAM (state), the disk that matches it, boot times
# What the guest gets on top of the testbed image (which has sshd, udev, zfs-dkms, zfsutils-linux):
# systemd as PID 1, man, bash and zsh completion, and ca-certificates as any standard Debian install
# has it. The package's dependencies are added from its control file (see deps()).
BASE_PKGS="systemd systemd-sysv dbus libpam-systemd man-db bash-completion zsh less ca-certificates"
MEM=2048 CPUS=2 MAC=52:54:00:4a:5a:02
WAIT=${JZREPL_PKGTEST_WAIT:-600}
SRC=pkgsrc                        # the user's pool in the guest (created before the state is saved)

log() { echo "[package-test $(date +%T)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
source scripts/lib/qemu-vm.sh
# The Depends of the package under test (DEB), else of the newest built one, else of the control file
deps() {
  local d=${DEB:-$(ls -t target/jzrepl_*_all.deb 2>/dev/null | head -1 || true)}
  if [ -n "$d" ]; then dpkg-deb -f "$d" Depends; else sed -n 's/^Depends: //p' packaging/deb/control/control; fi
}
vm_stamp() { echo "recipe=$RECIPE testbed=[$(cat "$TBIMG/stamp") $(stat -c %Y "$TBIMG/rootfs.img")] depends=[$(deps)]"; }
vm_ok() { [ -f "$VM/rootfs.img" ] && [ "$(cat "$VM/stamp" 2>/dev/null)" = "$(vm_stamp)" ]; }
state_stamp() { echo "$(cat "$VM/stamp") $(stat -c %Y "$VM/rootfs.img") $(qemu-system-x86_64 --version | head -1) mem=$MEM cpus=$CPUS"; }
state_ok() { [ -f "$STATE/state" ] && [ "$(cat "$STATE/stamp" 2>/dev/null)" = "$(state_stamp)" ]; }

# Phase times: phase NAME logs the time since the previous phase and keeps it for the last line.
PHASE_T0= PHASES=
phase() {
  local t; t=$(since "$PHASE_T0"); PHASE_T0=$(now)
  PHASES+="${PHASES:+, }$1 $t s"; log "phase: $1 took $t s"
}


build_image() {
  local t0 W R
  [ -f "$TBIMG/rootfs.img" ] && [ -f "$TBIMG/stamp" ] || die "no ZFS testbed image in $TBIMG: run scripts/zfs-testbed.sh build first"
  if vm_ok; then log "guest image present ($(vm_stamp)) in $VM"; return 0; fi
  t0=$(now); W=$VM.work; R=$W/root
  log "building the guest image ($(vm_stamp)) from the testbed's (apt, a few minutes)"
  unmount_chroot "$R" root
  rm -rf "$W" "$VM" "$STATE"; mkdir -p "$W/out" "$R"
  cp --sparse=always "$TBIMG/rootfs.img" "$W/out/rootfs.img"
  cp "$TBIMG/vmlinuz" "$W/out/vmlinuz"
  mount -o loop "$W/out/rootfs.img" "$R"
  trap 'unmount_chroot "'"$R"'" root' EXIT
  local d; for d in proc sys dev dev/pts; do mount --bind "/$d" "$R/$d"; done
  cp /etc/resolv.conf "$R/etc/resolv.conf"
  # the testbed image keeps its policy-rc.d (nothing starts in the chroot) and its diverted
  # update-initramfs (the guest boots our own small initramfs)
  chroot "$R" apt-get update -qq >"$W/apt.log" 2>&1 || die "apt-get update failed: see $W/apt.log"
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive chroot "$R" apt-get install -y -q --no-install-recommends \
    $BASE_PKGS >"$W/base.log" 2>&1 || die "installing the base packages failed: see $W/base.log"
  # The package's dependencies, resolved by apt from Debian's archive (Depends as the package
  # states it, alternatives and all): the guest's `apt install ./jzrepl_*.deb` adds only jzrepl.
  log "the package's dependencies by apt-get satisfy '$(deps)' (from Debian's archive)"
  DEBIAN_FRONTEND=noninteractive chroot "$R" apt-get satisfy -y -q --no-install-recommends \
    "$(deps)" >"$W/deps.log" 2>&1 || die "the package's dependencies did not resolve from Debian: see $W/deps.log"
  chroot "$R" apt-get clean
  chroot "$R" java -version 2>&1 | head -1 | grep -q '17\.' || die "no Java 17 runtime after installing the dependencies: see $W/deps.log"
  log "$(chroot "$R" dpkg-query -W systemd zfsutils-linux openssh-server openjdk-17-jre-headless | tr '\n\t' '  ')"

  # network: qemu's user-mode net (static, the address its DHCP would give), by MAC
  cat >"$R/etc/systemd/network/10-qemu.network" <<NET
[Match]
MACAddress=$MAC

[Network]
Address=10.0.2.15/24
Gateway=10.0.2.2
DNS=10.0.2.3
NET
  echo 'nameserver 10.0.2.3' >"$R/etc/resolv.conf"
  echo jzrepl-pkgtest >"$R/etc/hostname"
  printf '127.0.0.1 localhost\n127.0.1.1 jzrepl-pkgtest\n' >"$R/etc/hosts"
  # The test's own way in: a second sshd on port 2222 with its own key, so that the test can set
  # up the real sshd (port 22) exactly as the README tells an administrator (root: forced
  # commands only) and still run its checks.
  install -d -m 755 "$R/etc/ssh/pkgtest-admin"
  ssh-keygen -q -t ed25519 -N '' -C pkgtest-admin -f "$W/out/id_admin"
  install -m 600 "$W/out/id_admin.pub" "$R/etc/ssh/pkgtest-admin/authorized_keys"
  cat >"$R/etc/ssh/pkgtest-admin/sshd_config" <<CONF
Port 2222
HostKey /etc/ssh/ssh_host_ed25519_key
PermitRootLogin prohibit-password
AuthorizedKeysFile /etc/ssh/pkgtest-admin/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UseDNS no
MaxSessions 100
MaxStartups 100
PidFile /run/pkgtest-admin-sshd.pid
CONF
  cat >"$R/etc/systemd/system/pkgtest-admin-ssh.service" <<UNIT
[Unit]
Description=the package test's own sshd (port 2222)
After=network.target

[Service]
ExecStartPre=/bin/mkdir -p -m 0755 /run/sshd
ExecStart=/usr/sbin/sshd -D -f /etc/ssh/pkgtest-admin/sshd_config

[Install]
WantedBy=multi-user.target
UNIT
  rm -f "$R/root/.ssh/authorized_keys"          # the testbed's key: not this guest's
  rm -f "$R/etc/ssh/sshd_config.d/testbed.conf"
  # the testbed's PID 1 stays in the image for the testbed's boot; this guest boots systemd
  chroot "$R" systemd-machine-id-setup >/dev/null 2>&1
  chroot "$R" systemctl enable -q systemd-networkd ssh pkgtest-admin-ssh zfs.target zfs-import.target \
    zfs-import-cache zfs-import-scan zfs-mount zfs-load-module
  # nothing in the background may take dpkg's lock or the CPU during a test
  chroot "$R" systemctl mask -q apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer man-db.timer \
    e2scrub_all.timer e2scrub_reap.service fstrim.timer
  # dpkg without its fsyncs: the overlay is thrown away after each run anyway (apt in the guest
  # under qemu TCG spends much of its time in them)
  echo force-unsafe-io >"$R/etc/dpkg/dpkg.cfg.d/pkgtest-unsafe-io"
  write_completion_helper "$R"
  rm -f "$R/usr/sbin/policy-rc.d"                # the booted guest starts services as a real one does
  unmount_chroot "$R" root; trap - EXIT
  make_initramfs "$TBIMG/initrd.img" "$W/initrd" "$W/out/initrd.img"
  vm_stamp >"$W/out/stamp"
  mv "$W/out" "$VM"; rm -rf "$W"
  log "guest image built in $(since "$t0") s: $(du -sh "$VM" | cut -f1) in $VM"
}

# The testbed's initramfs (busybox: virtio and ext4 modules, mounts /dev/vda, switches to
# /sbin/testbed-init), changed to switch to the init= of the kernel command line when there is one.
make_initramfs() {
  local in=$1 I=$2 out=$3
  rm -rf "$I"; mkdir -p "$I"
  (cd "$I" && zcat "$in" | cpio -id --quiet)
  grep -q 'switch_root /newroot /sbin/testbed-init' "$I/init" || die "the testbed's initramfs changed: no switch_root line"
  sed -i -e 's|^\$B umount /proc;|INIT=/sbin/testbed-init; for a in $($B cat /proc/cmdline); do case $a in init=*) INIT=${a#init=} ;; esac; done\n&|' \
         -e 's|switch_root /newroot /sbin/testbed-init|switch_root /newroot "$INIT"|' "$I/init"
  grep -q 'switch_root /newroot "$INIT"' "$I/init" && grep -q '^INIT=' "$I/init" || die "could not make the initramfs honour init="
  (cd "$I" && find . | cpio -o -H newc --quiet | gzip -1 >"$out")
}

# ---------------------------------------------------------------- the guest
RUN= PORT= APORT= TB= DST= HOST_DAEMON_PID= QEMU_PID= SNAP1=
RESTORE_S=- INSTALL_S=- SECURITY=- FORCED_MS=- TRUE_MS=- NEXT_VERSION= NEXT_DEB=
ADMIN_OPTS=()
BASE_SSH=(-o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=20)
SSH_OPTS=("${BASE_SSH[@]}")

# start_qemu DISK [EXTRA...]: the guest VM on DISK (qcow2), daemonized, with forwarded loopback
# ports to its real sshd (PORT) and to the test's own (APORT) and a QMP socket in $RUN. The
# machine's configuration must not differ between the saved state and its restores.
start_qemu() {
  local disk=$1; shift
  PORT=$(free_port); APORT=$(free_port)
  [ "$PORT" != "$APORT" ] || APORT=$(free_port)
  SSH_OPTS=("${BASE_SSH[@]}" -p "$PORT")
  ADMIN_OPTS=("${BASE_SSH[@]}" -p "$APORT" -i "$VM/id_admin" -o ControlPath="$RUN/admin.sock")
  qemu-system-x86_64 -accel tcg,thread=multi -cpu max -m "$MEM" -smp "$CPUS" \
    -display none -no-reboot -nodefaults \
    -kernel "$VM/vmlinuz" -initrd "$VM/initrd.img" \
    -append "console=ttyS0 quiet panic=-1 net.ifnames=0 init=/lib/systemd/systemd" \
    -drive file="$disk",if=virtio,format=qcow2,cache=unsafe \
    -netdev user,id=n0,hostfwd=tcp:127.0.0.1:"$PORT"-:22,hostfwd=tcp:127.0.0.1:"$APORT"-:2222 \
    -device virtio-net-pci,netdev=n0,mac=$MAC \
    -serial file:"$RUN/console.log" -qmp unix:"$RUN/qmp.sock",server=on,wait=off \
    -daemonize -pidfile "$RUN/qemu.pid" "$@" 2>"$RUN/qemu.err" ||
    die "qemu failed: $(cat "$RUN/qemu.err")"
  QEMU_PID=$(cat "$RUN/qemu.pid")
}

# qmp_wait WHAT CMD-JSON PATTERN SECONDS: until a reply to CMD matches PATTERN
qmp_wait() {
  local deadline=$((SECONDS + $4))
  until qmp "$2" | grep -q "$3"; do
    kill -0 "$QEMU_PID" 2>/dev/null || boot_failed "qemu exited while $1"
    [ $SECONDS -lt "$deadline" ] || boot_failed "$1 did not finish within $4 s"
    sleep 0.5
  done
}

open_admin() { # the control master of the test's own ssh (port 2222), within $1 seconds
  local deadline=$((SECONDS + $1))
  until ssh "${ADMIN_OPTS[@]}" -o ControlMaster=yes -o ControlPersist=yes -f -N root@127.0.0.1 2>/dev/null; do
    kill -0 "$QEMU_PID" 2>/dev/null || boot_failed "qemu exited"
    [ $SECONDS -lt "$deadline" ] || boot_failed "no ssh on the test's port 2222 after $1 s"
    sleep 1
  done
}
close_admin() { [ -S "$RUN/admin.sock" ] && ssh "${ADMIN_OPTS[@]}" -O exit root@127.0.0.1 2>/dev/null || true; }

stop_qemu() {
  [ -n "$QEMU_PID" ] || return 0
  qmp '{"execute":"quit"}' >/dev/null
  for _ in $(seq 50); do kill -0 "$QEMU_PID" 2>/dev/null || break; sleep 0.2; done
  kill "$QEMU_PID" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$QEMU_PID" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$QEMU_PID" 2>/dev/null || true
  QEMU_PID=
}

# Once per image: cold boot (qemu start to the real sshd's banner on port 22, then to systemd's
# "running"; the times are stored and printed by every run), the user's pool, then the booted VM's
# state saved to a file with the disk that matches it.
save_state() {
  local t0 state deadline W=$STATE.work sshd_s boot_s
  if state_ok; then log "saved guest state present in $STATE"; return 0; fi
  [ -z "$RUN" ] || die "save_state with a run in progress"
  log "cold boot of the guest image to save its booted state (qemu TCG: minutes)"
  rm -rf "$W" "$STATE"; mkdir -p "$W"
  RUN=$W
  qemu-img create -q -f qcow2 -b "$VM/rootfs.img" -F raw "$W/root.qcow2"
  t0=$(now)
  start_qemu "$W/root.qcow2"
  deadline=$((SECONDS + WAIT))
  # sshd's banner on port 22 (qemu accepts the forwarded connection at once and closes it while
  # nothing listens in the guest; one probe at a time, with time for sshd's re-exec under TCG)
  until timeout 60 bash -c 'exec 3<>/dev/tcp/127.0.0.1/$0 && head -c 4 <&3' "$PORT" 2>/dev/null | grep -q '^SSH-'; do
    kill -0 "$QEMU_PID" 2>/dev/null || boot_failed "qemu exited during boot"
    [ $SECONDS -lt $deadline ] || boot_failed "sshd not answering after $WAIT s"
    sleep 1
  done
  sshd_s=$(since "$t0")
  open_admin $((deadline - SECONDS))
  state=
  while [ $SECONDS -lt $deadline ]; do
    state=$(guest systemctl is-system-running 2>/dev/null || true)
    case $state in running|degraded) break ;; esac
    sleep 1
  done
  boot_s=$(since "$t0")
  [ "$state" = running ] || { guest systemctl --failed --no-pager >&2 || true; boot_failed "guest state '$state', not running"; }
  log "cold boot (qemu TCG, $CPUS CPUs, $MEM MiB): sshd answering after $sshd_s s, systemd 'running' after $boot_s s"
  gcheck "systemd is PID 1" "[ \"\$(cat /proc/1/comm)\" = systemd ]"
  gcheck "the zfs module loaded by the zfs units, /dev/zfs present" "systemctl is-active -q zfs-load-module zfs.target && test -c /dev/zfs"
  make_source_pool
  guest sync
  close_admin
  t0=$(now)
  qmp_save_to "$W/state"
  qmp_wait "saving the VM state" '{"execute":"query-migrate"}' '"status": "completed"' 300
  stop_qemu
  echo "sshd $sshd_s running $boot_s at $(date -u '+%F %H:%M') load $(cut -d' ' -f1-3 /proc/loadavg)" >"$W/boot-times"
  state_stamp >"$W/stamp"
  rm -f "$W"/{console.log,qemu.err,qemu.pid}
  mv "$W" "$STATE"; RUN=
  log "guest state saved in $(since "$t0") s: $(du -sh "$STATE" | cut -f1) in $STATE"
}

# Each run: a copy of the saved disk, the saved RAM restored into a new qemu, the guest clock set
# from the host's (it resumes at save time), then systemd, sshd, zfs and the pool checked.
restore_guest() {
  local t0 state
  RUN=$(mktemp -d /tmp/jzrepl-pkgtest.XXXXXX)
  mkdir -p "$RUN/host"
  t0=$(now)
  cp --sparse=always "$STATE/root.qcow2" "$RUN/root.qcow2"
  start_qemu "$RUN/root.qcow2" -incoming "exec:cat $STATE/state"
  qmp_wait "loading the saved state" '{"execute":"query-status"}' '"paused"' 300
  qmp '{"execute":"cont"}' >/dev/null
  open_admin 120
  sync_clock
  RESTORE_S=$(since "$t0")
  log "guest restored from its saved state in $RESTORE_S s (cold boot at image build: $(cat "$STATE/boot-times"))"
  check "the guest clock is the host's (within 5 s)" \
    eval '[ $(( $(guest date +%s) - $(date +%s) )) -le 5 ] && [ $(( $(date +%s) - $(guest date +%s) )) -le 5 ]'
  state=$(guest systemctl is-system-running 2>/dev/null || true)
  if [ "$state" != running ]; then
    guest systemctl --failed --no-pager >&2 || true
    die "the restored guest's systemd is '$state', not running"
  fi
  log "ok: systemd running after the restore"
  gcheck "sshd (port 22) active, systemd is PID 1" "systemctl is-active -q ssh && [ \"\$(cat /proc/1/comm)\" = systemd ]"
  check "sshd answers on the forwarded port" bash -c 'exec 3<>/dev/tcp/127.0.0.1/$0 && timeout 30 head -c 4 <&3 | grep -q "^SSH-"' "$PORT"
  gcheck "the zfs module and the pool $SRC (imported, ONLINE) after the restore" \
    "test -c /dev/zfs && [ \"\$(zpool list -H -o health $SRC)\" = ONLINE ] && zfs list -H -o name $SRC/data/child >/dev/null"
  log "guest: $(guest 'uname -r; zfs version | head -1; systemctl --version | head -1; java -version 2>&1 | head -1' | tr '\n' ' ')"
}
boot_failed() { log "ERROR: $*; the console's last lines:"; tail -n 25 "$RUN/console.log" 2>/dev/null | sed 's/^/  console: /' >&2; exit 1; }

# guest CMD...: runs a shell command line in the booted guest as root (the test's own sshd)
guest() {
  ssh "${ADMIN_OPTS[@]}" -o ControlMaster=no root@127.0.0.1 -- \
    "export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive; $*" </dev/null
}
# gput PATH MODE: writes stdin to the guest's PATH with MODE
gput() {
  ssh "${ADMIN_OPTS[@]}" -o ControlMaster=no root@127.0.0.1 -- "cat >$1.tmp && chmod $2 $1.tmp && mv $1.tmp $1" ||
    die "could not write $1 in the guest"
}


cleanup() {
  local rc=$?
  set +e
  [ -n "$HOST_DAEMON_PID" ] && kill "$HOST_DAEMON_PID" 2>/dev/null && wait "$HOST_DAEMON_PID" 2>/dev/null
  if [ $rc -ne 0 ] && [ -S "$RUN/admin.sock" ]; then
    log "FAILED; the guest's journal for jzrepl:"
    guest journalctl -u jzrepl --no-pager -n 40 >&2
  fi
  [ -S "$RUN/admin.sock" ] && ssh "${ADMIN_OPTS[@]}" -O exit root@127.0.0.1 2>/dev/null
  if [ -n "$QEMU_PID" ]; then
    kill "$QEMU_PID" 2>/dev/null      # the overlay is thrown away: no orderly shutdown needed
    for _ in $(seq 50); do kill -0 "$QEMU_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$QEMU_PID" 2>/dev/null
  fi
  [ -n "$TB" ] && [ -n "$DST" ] && "$TB/testbed-ssh" "zpool destroy -f $DST; rm -f /var/tmp/$DST.img" >/dev/null 2>&1
  if [ -n "$RUN" ]; then
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
  gput "/root/$(basename "$DEB")" 644 <"$DEB"
  t0=$(now)
  out=$(guest "cd /root && apt-get install -y -q --no-install-recommends ./$(basename "$DEB") 2>&1") ||
    { echo "$out" >&2; die "apt install ./$(basename "$DEB") failed"; }
  INSTALL_S=$(since "$t0")
  echo "$out" >"$RUN/install.log"
  log "apt install ./$(basename "$DEB") in $INSTALL_S s (its dependencies are in the image already)"
  grep -q '^0 upgraded, 1 newly installed, 0 to remove' "$RUN/install.log" ||
    { cat "$RUN/install.log" >&2; die "apt installed more than jzrepl (above): the image lacks a dependency"; }
  # what postinst prints to the user: nothing of ours but dpkg's own lines
  ! grep -E 'jzrepl: WARNING|build-cds|No such file|shared archive|Exception' "$RUN/install.log" >&2 ||
    die "the installation printed a warning (above)"
  log "ok: installation printed no warning"
  v=$(dpkg-deb -f "$DEB" Version)
  gcheck "dpkg: jzrepl $v installed" "dpkg-query -W -f='\${Status} \${Version}' jzrepl | grep -qx 'install ok installed $v'"
  gcheck "no JDK in the guest (jar tool absent)" "! command -v jar && ! ls /usr/lib/jvm/*/bin/jar 2>/dev/null"
  gcheck "service enabled" "[ \"\$(systemctl is-enabled jzrepl)\" = enabled ]"
  # postinst starts the unit and waits for the start job: with Type=notify that is the daemon's
  # READY=1, so the service is active the moment apt returns, with no waiting loop here
  gcheck "service active as apt returns (the start waited for READY=1)" "[ \"\$(systemctl is-active jzrepl)\" = active ] || { systemctl status jzrepl --no-pager >&2; exit 1; }"
  gcheck "Type=notify: systemd waits for the daemon's READY=1" "[ \"\$(systemctl show -p Type --value jzrepl)\" = notify ]"
  quiet "journalctl -u jzrepl --no-pager -o cat | grep -iE 'warn|error|exception|fail' && exit 1 || exit 0"
  log "ok: journal of jzrepl has no warning or error"
  guest "systemctl status jzrepl --no-pager -n 0 | sed -n '1,4p'" | sed 's/^/  | /' >&2
  guest "journalctl -u jzrepl --no-pager -o short-monotonic | tail -5" | sed 's/^/  | /' >&2
  SECURITY=$(guest "systemd-analyze security --no-pager jzrepl.service | sed -n 's/.*Overall exposure level for jzrepl.service: //p'")
  log "systemd-analyze security jzrepl.service (the running unit): $SECURITY"
  # not run here (each JVM start costs 10-30 s under TCG and proves nothing new): configcheck (the
  # unit's ExecStartPre runs it on every start), status; `jzrepl version` runs after the upgrade,
  # where a stale class-data archive would show, and the forced command's stderr is checked below
  gcheck "changelog, copyright in /usr/share/doc/jzrepl" \
    "zcat /usr/share/doc/jzrepl/changelog.gz | head -1 | grep -q '^jzrepl ($v)' && grep -q '^Format: ' /usr/share/doc/jzrepl/copyright"
  gcheck "man jzrepl (gzipped page) renders" "man -w jzrepl | grep -qx /usr/share/man/man1/jzrepl.1.gz && man -P cat jzrepl 2>/dev/null | grep -q 'jzrepl'"
  gcheck "native library extracted (ELF) and both class-data archives built in /var/cache/jzrepl" \
    "head -c4 /var/cache/jzrepl/libjunixsocket-native.so | grep -q ELF && [ -s /var/cache/jzrepl/jzrepl.jsa ] && [ -s /var/cache/jzrepl/jzrepl-stdinserver.jsa ]"
  gcheck "runtime directories 0700" "[ \"\$(stat -c %a /run/jzrepl /run/jzrepl/stdinserver | sort -u)\" = 700 ]"
  gcheck "bash completion: jzrepl <TAB> offers the subcommands" \
    "[ \"\$(complete-words jzrepl '' | grep -cxE 'daemon|stdinserver|status|signal|configcheck|test|zfs-abstraction|version|help')\" = 9 ]"
  gcheck "zsh completion (an interactive zsh with compinit): jzrepl sig<TAB> gives jzrepl signal" \
    "[ \"\$(complete-zsh 'jzrepl sig')\" = 'jzrepl signal' ]"
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
  # zsh: an interactive zsh (compinit as zsh's new-user setup enables it) in a pseudo terminal;
  # types LINE and TAB, prints the line as zsh completed it.
  cat >"$1/usr/local/bin/complete-zsh" <<'ZSH'
#!/usr/bin/zsh -f
setopt extendedglob
zmodload zsh/zpty
zpty z 'zsh -f -i'
zpty -w z 'PS1="> "; autoload -U compinit && compinit -u -d /tmp/complete-zsh.dump'
zpty -w -n z "$1"$'\t'
out=; i=0
while (( i++ < 60 )); do
  sleep 0.5
  while zpty -r -t z chunk; do out+=$chunk; done
  [[ $out == *"> "*"$1"* ]] && sleep 1 && { while zpty -r -t z chunk; do out+=$chunk; done; break; }
done
zpty -d z
out=${out//$'\e'\[[0-9;?]#[a-zA-Z]/}; out=${out//$'\r'/}; out=${out//?$'\b'/}
print -r -- "${${out##*> }%% #}"
ZSH
  chmod 755 "$1/usr/local/bin/complete-zsh"
}

# ---------------------------------------------------------------- 2. a data host, as the README says
# The user's data: a pool on a file in the guest (the guest's own zfs and /dev/zfs) with a dataset
# tree in it. Made once, in the cold-booted guest whose state is saved: every run restores it.
make_source_pool() {
  gcheck "a pool $SRC in the guest with the tree $SRC/data, $SRC/data/child" "set -e
    truncate -s 256M /var/tmp/$SRC.img; zpool create -f -m none -o ashift=12 $SRC /var/tmp/$SRC.img
    zfs create -o mountpoint=/var/tmp/$SRC-data $SRC/data; zfs create $SRC/data/child
    head -c 2M /dev/urandom >/var/tmp/$SRC-data/one; head -c 1M /dev/urandom >/var/tmp/$SRC-data/child/one"
}

data_host_phase() {
  local key1 key2 key3
  ssh-keygen -q -t ed25519 -N '' -C backup1 -f "$RUN/host/id_ed25519"
  ssh-keygen -q -t ed25519 -N '' -C baseline -f "$RUN/host/id_true"
  ssh-keygen -q -t ed25519 -N '' -C host-push -f "$RUN/host/id_push"
  key1=$(cat "$RUN/host/id_ed25519.pub"); key2=$(cat "$RUN/host/id_true.pub"); key3=$(cat "$RUN/host/id_push.pub")
  guest "install -d -m 700 /root/.ssh"
  {
    echo "command=\"/usr/bin/jzrepl stdinserver backup1\",restrict $key1"
    echo "command=\"/usr/bin/jzrepl stdinserver host-push\",restrict $key3"   # the sink's client
    echo "command=\"true\",restrict $key2"   # the baseline of the start-time measurement
  } | gput /root/.ssh/authorized_keys 600
  gcheck "the sink's root_fs $SRC/sink (not mounted: the pool has mountpoint none)" "zfs create $SRC/sink"
  echo 'PermitRootLogin forced-commands-only' | gput /etc/ssh/sshd_config.d/forced-commands.conf 644
  gcheck "sshd reloaded with PermitRootLogin forced-commands-only" "systemctl reload ssh && sshd -T | grep -qx 'permitrootlogin forced-commands-only'"
  # the package's conffile is 0640: keep its mode
  gput /etc/jzrepl/jzrepl.yml 640 <<YML
# changed by the administrator (package-test.sh): a data host serving backup1, and a sink for host-push
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
      "$SRC/data<": true
    snapshotting:
      type: periodic
      prefix: zrepl_
      interval: 10m
  - name: sink
    type: sink
    root_fs: $SRC/sink
    serve:
      type: stdinserver
      client_identities:
        - host-push
YML
  # the unit's ExecStartPre (configcheck -q) accepts it: the restart fails otherwise
  gcheck "systemctl restart jzrepl (ExecStartPre: configcheck -q)" "systemctl restart jzrepl"
  # Type=notify: when restart returns, the daemon is up; nothing here waits or retries
  gcheck "active, the stdinserver sockets for backup1 and host-push there, status answering, all at once after the restart" \
    "systemctl is-active -q jzrepl && [ -S /run/jzrepl/stdinserver/backup1 ] && [ -S /run/jzrepl/stdinserver/host-push ] && jzrepl status --mode raw >/dev/null"
  # the periodic snapshotter ticks at once when no zrepl_ snapshot exists: zfs snapshot under the unit
  gcheck "the daemon snapshotted $SRC/data and $SRC/data/child (zrepl_*) under its unit" \
    "for i in \$(seq 240); do [ \"\$(zfs list -H -t snapshot -o name -r $SRC/data | grep -c '@zrepl_')\" = 2 ] && exit 0; sleep 1; done; exit 1"
  SNAP1=$(guest "zfs list -H -t snapshot -o name $SRC/data | grep -m1 '@zrepl_'"); SNAP1=${SNAP1#*@}
  gcheck "bash completion: jzrepl signal wakeup <TAB> offers the config's jobs" "[ \"\$(complete-words jzrepl signal wakeup '' | sort | tr '\n' ' ')\" = 'backup_source sink ' ]"
  # not run here: `status --job`, `test filesystems --job` (the same function, a configcheck JVM
  # each; BashCompletionTest completes them through a real bash)
  # not checked: job names under zsh (`jzrepl status --job b<TAB>` did not complete them in the
  # first VM run; picocli's script indexes COMP_WORDS from 0, zsh from 1)
  measure_forced_command
}

# The forced command on this JRE-only install: an OpenSSH session whose forced command is
# `jzrepl stdinserver backup1` (JVM start, hand-over to the daemon, the daemon's HELO, the client's
# BEGIN, EOF, close) must get the daemon's HELO and print nothing on stderr (no JVM warning). Its
# time against a session whose forced command is `true` (same sshd, same key type; interleaved,
# median of JZREPL_PKGTEST_ROUNDS, default 1) is printed, but under qemu TCG only the ratio means
# anything: the figures in the README's "Performance" come from the earlier nspawn guest (the
# host's own CPU), with and without the extracted native library.
measure_forced_command() {
  local rounds=${JZREPL_PKGTEST_ROUNDS:-1}
  { printf 'JZREPL_STDINSERVER_BEGIN v1'; head -c 5 /dev/zero; } >"$RUN/begin.bin"
  ssh "${SSH_OPTS[@]}" -i "$RUN/host/id_true" root@127.0.0.1 </dev/null || die "ssh with the baseline key failed"
  time_sessions "$rounds" >"$RUN/times"; read -r FORCED_MS TRUE_MS <"$RUN/times"
  log "ok: the forced command's session got the daemon's HELO, nothing on stderr"
  log "forced command start (JRE only, qemu TCG, median of $rounds): stdinserver session $FORCED_MS ms, \`true\` session $TRUE_MS ms"
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
    [ ! -s "$RUN/forced.err" ] || die "the forced command wrote to stderr: $(cat "$RUN/forced.err")"
    a=$(date +%s%N); ssh "${SSH_OPTS[@]}" -i "$RUN/host/id_true" root@127.0.0.1 </dev/null
    tb+=("$(( ($(date +%s%N) - a) / 1000000 ))")
  done
  echo "$(median "${ta[@]}") $(median "${tb[@]}")"
}
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

# ---------------------------------------------------------------- 3. replication through it
# From this machine, a backup host's pull daemon dials the guest's real sshd (a qemu port
# forward), whose forced command hands the connection to the packaged daemon, which sends the
# tree from the guest's pool; it receives into a pool in the ZFS testbed VM.
make_target_pool() {
  "$TB/testbed-ssh" "set -e; truncate -s 256M /var/tmp/$DST.img; zpool create -f -m none -o ashift=12 $DST /var/tmp/$DST.img
    zfs create $DST/backup
    zfs create -o mountpoint=/var/tmp/$DST-push $DST/pushsrc; head -c 1M /dev/urandom >/var/tmp/$DST-push/one
    zfs snapshot $DST/pushsrc@push_1" || die "could not create the target pool in the testbed VM"
}

start_host_pull() {
  local h=$RUN/host
  install -d -m 700 "$h/run" "$h/run/stdinserver"
  guest 'cat /etc/ssh/ssh_host_*_key.pub' | while read -r t k _; do echo "[127.0.0.1]:$PORT $t $k"; done >"$h/known_hosts"
  [ -s "$h/known_hosts" ] || die "no host keys from the guest"
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
      # the forced command's JVM starts in the guest under qemu TCG: far more than the default 10s
      dial_timeout: 180s
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
  # the receive side in the guest: this pushes $DST/pushsrc from the testbed into the guest's sink
  - name: push_guest
    type: push
    connect:
      type: ssh+stdinserver
      host: 127.0.0.1
      user: root
      port: $PORT
      identity_file: $h/id_push
      known_hosts: $h/known_hosts
      dial_timeout: 180s
    filesystems:
      "$DST/pushsrc<": true
    send:
      encrypted: false
    snapshotting:
      type: manual
    pruning:
      keep_sender:
        - type: last_n
          count: 10
      keep_receiver:
        - type: last_n
          count: 10
YML
  JZREPL_ZFS_BIN=$TB/zfs bin/jzrepl -c "$h/jzrepl.yml" daemon >"$h/daemon.log" 2>&1 &
  HOST_DAEMON_PID=$!
}

# until_replicated FAILED-PATTERN COMMAND...: until COMMAND succeeds (300 s); fails early when the
# host's daemon exits or its log shows a failed run matching the pattern
until_replicated() {
  local failed=$1 i; shift
  for i in $(seq 300); do
    "$@" >/dev/null 2>&1 && return 0
    kill -0 "$HOST_DAEMON_PID" 2>/dev/null || { cat "$RUN/host/daemon.log" >&2; die "the host's daemon exited"; }
    if grep -q "$failed" "$RUN/host/daemon.log"; then tail -20 "$RUN/host/daemon.log" >&2; return 1; fi
    sleep 1
  done
  tail -30 "$RUN/host/daemon.log" >&2
  return 1
}
# wait_pushed SNAP: until the guest's sink has $DST/pushsrc@SNAP
wait_pushed() {
  until_replicated 'job push_guest.*replication run ended FAILED\|push_guest.*FAILED' \
    guest zfs list -H -o name "$SRC/sink/host-push/$DST/pushsrc@$1"
}
# pushed_guid SNAP: the guest received $DST/pushsrc@SNAP with the testbed's guid
pushed_guid() { [ "$(guest zfs get -H -o value guid "$SRC/sink/host-push/$DST/pushsrc@$1")" = "$("$TB/zfs" get -H -o value guid "$DST/pushsrc@$1")" ]; }
# wait_snapshot NAME: until the testbed has it
wait_snapshot() { until_replicated 'replication run ended FAILED' "$TB/zfs" list -H -o name "$1"; }

# same_guid FS@SNAP: the guest's snapshot and the received one are the same
same_guid() { [ "$(guest zfs get -H -o value guid "$SRC/$1")" = "$("$TB/zfs" get -H -o value guid "$DST/backup/$SRC/$1")" ]; }

replicate_first() {
  local t0
  make_target_pool
  t0=$(now)
  start_host_pull     # a pull job runs at start
  check "the host's pull daemon replicated $SRC/data@$SNAP1 through the guest's sshd and jzrepl" wait_snapshot "$DST/backup/$SRC/data/child@$SNAP1"
  log "first replication (full, the tree of 2 filesystems) in $(since "$t0") s"
  check "received snapshots have the source's guids" eval "same_guid data@$SNAP1 && same_guid data/child@$SNAP1"
  gcheck "the guest's journal shows the pull served" "journalctl -u jzrepl --no-pager -o cat | grep -q backup1"
  # the receive side under the unit: the guest's sink receives a push (zfs recv -u, holds, cursor)
  t0=$(now)
  check "signal wakeup push_guest" env JZREPL_ZFS_BIN="$TB/zfs" bin/jzrepl -c "$RUN/host/jzrepl.yml" signal wakeup push_guest
  check "the host's push reached the guest's sink: $SRC/sink/host-push/$DST/pushsrc@push_1" wait_pushed push_1
  log "first push into the guest's sink (full) in $(since "$t0") s"
  check "the guest received push_1 with the testbed's guid" pushed_guid push_1
  gcheck "the received filesystem is not mounted (recv -u; the unit cannot mount)" \
    "[ \"\$(zfs get -H -o value mounted $SRC/sink/host-push/$DST/pushsrc)\" = no ]"
  gcheck "the sink holds push_1 (jzrepl_last_received_J_sink), its parents are placeholders" \
    "zfs holds -H $SRC/sink/host-push/$DST/pushsrc@push_1 | grep -q jzrepl_last_received_J_sink &&
     [ \"\$(zfs get -H -o value jzrepl:placeholder $SRC/sink/host-push/$DST)\" = on ]"
}

replicate_incremental() {
  local t0 fsguid
  fsguid=$("$TB/zfs" get -H -o value guid "$DST/backup/$SRC/data")
  guest "head -c 1M /dev/urandom >/var/tmp/$SRC-data/two && head -c 1M /dev/urandom >/var/tmp/$SRC-data/child/two && zfs snapshot -r $SRC/data@pkgtest_2" ||
    die "zfs snapshot in the guest failed"
  t0=$(now)
  check "signal wakeup" env JZREPL_ZFS_BIN="$TB/zfs" bin/jzrepl -c "$RUN/host/jzrepl.yml" signal wakeup pull_guest
  check "the upgraded guest served the next replication" wait_snapshot "$DST/backup/$SRC/data/child@pkgtest_2"
  log "second replication in $(since "$t0") s"
  check "it was incremental: the received filesystem is the same one, $SNAP1 kept with its guid" \
    eval "[ \"\$(\"\$TB/zfs\" get -H -o value guid \"\$DST/backup/\$SRC/data\")\" = $fsguid ] && same_guid data@$SNAP1"
  check "pkgtest_2 received with the source's guids" eval "same_guid data@pkgtest_2 && same_guid data/child@pkgtest_2"
  # the upgraded guest's sink receives the next push incrementally
  fsguid=$(guest zfs get -H -o value guid "$SRC/sink/host-push/$DST/pushsrc")
  "$TB/testbed-ssh" "head -c 1M /dev/urandom >/var/tmp/$DST-push/two && zfs snapshot $DST/pushsrc@push_2" || die "zfs snapshot in the testbed failed"
  t0=$(now)
  check "signal wakeup push_guest" env JZREPL_ZFS_BIN="$TB/zfs" bin/jzrepl -c "$RUN/host/jzrepl.yml" signal wakeup push_guest
  check "the upgraded guest's sink received push_2" wait_pushed push_2
  log "second push into the guest's sink in $(since "$t0") s"
  check "it was incremental: the same received filesystem, push_1 and push_2 with the testbed's guids" \
    eval "[ \"\$(guest zfs get -H -o value guid \"\$SRC/sink/host-push/\$DST/pushsrc\")\" = $fsguid ] && pushed_guid push_1 && pushed_guid push_2"
  gcheck "the sink's last-received hold moved to push_2 (released on push_1)" \
    "for i in \$(seq 60); do zfs holds -H $SRC/sink/host-push/$DST/pushsrc@push_2 | grep -q jzrepl_last_received_J_sink &&
       ! zfs holds -H $SRC/sink/host-push/$DST/pushsrc@push_1 | grep -q jzrepl_last_received_J_sink && exit 0; sleep 1; done; exit 1"
  guest "cd /var/tmp/$SRC-data && sha256sum one two child/one child/two" >"$RUN/sums"
  check "the received files equal the source's (sha256 of 4 files)" "$TB/testbed-ssh" "set -e
    zfs set readonly=on $DST/backup/$SRC/data; zfs set mountpoint=/var/tmp/$DST-data $DST/backup/$SRC/data
    zfs mount $DST/backup/$SRC/data 2>/dev/null || true; zfs mount $DST/backup/$SRC/data/child 2>/dev/null || true
    cd /var/tmp/$DST-data && echo '$(cat "$RUN/sums")' | sha256sum -c --quiet -"
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
  gput "/root/$(basename "$NEXT_DEB")" 644 <"$NEXT_DEB"
  sleep 1
  t0=$(now)
  out=$(guest "cd /root && apt-get install -y -q --no-install-recommends ./$(basename "$NEXT_DEB") 2>&1") ||
    { echo "$out" >&2; die "the upgrade failed"; }
  log "apt install ./$(basename "$NEXT_DEB") (upgrade) in $(since "$t0") s"
  ! grep -E 'jzrepl: WARNING|build-cds|shared archive|Exception|conffile' <<<"$out" >&2 || die "the upgrade printed a warning or asked about the config (above)"
  gcheck "jzrepl $NEXT_VERSION installed" "dpkg-query -W -f='\${Version}' jzrepl | grep -qx '$NEXT_VERSION'"
  gcheck "active, status answering, at once after the upgrade (Type=notify: the restart waited for READY=1)" \
    "systemctl is-active -q jzrepl && jzrepl status --mode raw >/dev/null"
  [ "$(main_pid)" != "$pid0" ] || die "the service was not restarted by the upgrade (MainPID $pid0)"
  log "ok: service restarted (MainPID $pid0 -> $(main_pid))"
  gcheck "the restarted daemon serves backup1 and host-push again (stdinserver sockets)" \
    "for i in \$(seq 300); do [ -S /run/jzrepl/stdinserver/backup1 ] && [ -S /run/jzrepl/stdinserver/host-push ] && exit 0; sleep 1; done; exit 1"
  [ "$(guest sha256sum /etc/jzrepl/jzrepl.yml)" = "$conf0" ] || die "the upgrade changed the administrator's /etc/jzrepl/jzrepl.yml"
  gcheck "the changed config kept, no .dpkg-dist/.dpkg-new next to it" "! ls /etc/jzrepl/*.dpkg-* 2>/dev/null && grep -q 'changed by the administrator' /etc/jzrepl/jzrepl.yml"
  [ "$(guest stat -c %Y /var/cache/jzrepl/jzrepl-stdinserver.jsa)" -gt "$jsa0" ] || die "postinst did not rebuild the class-data archive"
  log "ok: class-data archives rebuilt for the new jar"
  quiet "jzrepl version"    # a stale class-data archive would print here (status: not run, a JVM under TCG)
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
  gcheck "apt-get purge jzrepl" "apt-get purge -y -q jzrepl >/dev/null 2>&1"
  gcheck "dpkg no longer knows jzrepl" "! dpkg-query -W -f='\${Status}' jzrepl 2>/dev/null | grep -q ."
  # not counted: the test's own files (/root: the .deb files, /usr/local: its completion helper),
  # logs, and man-db's cache of formatted pages (`man jzrepl` above;
  # man-db's daily mandb run prunes pages whose source is gone)
  left=$(guest "find / -xdev \\( -path /proc -o -path /sys -o -path /root -o -path /usr/local -o -path /var/log -o -path /var/cache/man \\) -prune -o -name '*jzrepl*' -print; ls -d /run/jzrepl 2>/dev/null" || true)
  [ -z "$left" ] || die "left after purge: $left"
  log "ok: purge left nothing named jzrepl (runtime, cache, config, unit, enablement links)"
  gcheck "the user's datasets are still there, with jzrepl's snapshots" "zfs list -H -o name $SRC/data/child@$SNAP1 >/dev/null"
  if [ -n "$TB" ]; then
    check "the received datasets are still there" eval '"$TB/zfs" list -H -o name "$DST/backup/$SRC/data/child@pkgtest_2" >/dev/null'
    gcheck "the guest's received datasets (sink) are still there" "zfs list -H -o name $SRC/sink/host-push/$DST/pushsrc@push_2 >/dev/null"
  fi
}

# ---------------------------------------------------------------- main
[ "$(id -u)" = 0 ] || die "run as root (loop mounts and chroot apt for the guest image)"
case "${1:-}" in
  image) DEB=${2:-}; [ -z "$DEB" ] || DEB=$(readlink -f "$DEB"); build_image; trap cleanup EXIT; save_state; exit 0 ;;
  -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
esac
DEB=${1:-$(ls -t target/jzrepl_*_all.deb 2>/dev/null | head -1 || true)}
[ -n "$DEB" ] && [ -f "$DEB" ] || die "no package: run mvn -B package -DskipTests first (or name the .deb)"
DEB=$(readlink -f "$DEB")
T0=$(now); PHASE_T0=$T0
bash scripts/setup-deps.sh
# lintian: no error and no warning (the accepted ones are overridden, with reasons, in the package)
check "lintian $(basename "$DEB"): no error, no warning" lintian --fail-on error,warning "$DEB"
phase "setup-deps and lintian"
build_image
phase "guest image (cached unless the testbed image, the recipe or Depends changed)"
trap cleanup EXIT
save_state
phase "saved guest state (cached with the image)"
# Replication needs real ZFS: the testbed VM (scripts/zfs-testbed.sh). Used when it runs; in CI
# (CI=true) .ci/run starts it first, so a missing testbed fails there instead of skipping.
if [ -n "${JZREPL_ZFS_BIN_DIR:-}" ] && "$JZREPL_ZFS_BIN_DIR/testbed-ssh" true 2>/dev/null; then
  TB=$(readlink -f "$JZREPL_ZFS_BIN_DIR")
  DST=pkgt$$d                # the pull daemon's target pool in the testbed VM
elif [ "${CI:-}" = true ]; then
  die "CI: no running ZFS testbed (JZREPL_ZFS_BIN_DIR); .ci/run starts it"
else
  log "no running ZFS testbed (JZREPL_ZFS_BIN_DIR): replication through the package is skipped"
fi
restore_guest;                  phase "restore"
install_phase;                  phase "install"
data_host_phase;                phase "data host"
if [ -n "$TB" ]; then replicate_first; phase "first replication"; fi
upgrade_phase;                  phase "upgrade"
if [ -n "$TB" ]; then replicate_incremental; phase "second replication"; fi
remove_phase;                   phase "remove and purge"
log "phases: $PHASES"
log "PASSED in $(since "$T0") s (guest cold boot at image build: $(cat "$STATE/boot-times"); restore $RESTORE_S s; install $INSTALL_S s; unit exposure $SECURITY; forced command $FORCED_MS ms, \`true\` $TRUE_MS ms (qemu TCG))"
