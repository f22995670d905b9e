#!/usr/bin/env bash
# The project's real-ZFS testbed: a small Debian bookworm VM with Debian's OpenZFS (built by DKMS),
# run under qemu (TCG: no usable KVM here), with host-side `zfs`/`zpool` wrappers that run each
# command in the VM over ssh, passing stdin, stdout, stderr and the exit code through.
#
# Usage: scripts/zfs-testbed.sh build   build the VM image and save a booted state (idempotent, ~5 min once)
#        scripts/zfs-testbed.sh start   restore the saved state (~3 s) or cold boot (~15 s); write wrappers
#        scripts/zfs-testbed.sh env     print `export JZREPL_ZFS_BIN_DIR=...` for a started testbed
#        scripts/zfs-testbed.sh boot-check  cold-boot the image in a VM of its own and check it (~15 s)
#        scripts/zfs-testbed.sh stop    stop the VM (its writes are discarded: every start is fresh)
#        scripts/zfs-testbed.sh status
# Env:   JZREPL_TESTBED_DIR  cache dir (default /var/cache/jzrepl-testbed)
#        ZFS_FROM            bookworm (OpenZFS 2.1.11, default) | backports (2.3.2)
#        JZREPL_TESTBED_WAIT seconds any wait for the VM may take (default 60)
#        MIRROR, SECURITY    Debian mirrors for the guest (default: from the host's apt sources)
# The wrapper dir holds zfs, zpool and testbed-ssh (runs a guest shell command line: testbed-ssh 'dd ...').
set -euo pipefail

DIR=${JZREPL_TESTBED_DIR:-/var/cache/jzrepl-testbed}
ZFS_FROM=${ZFS_FROM:-bookworm}
RECIPE=4                        # bump when the image recipe changes: forces a rebuild
MEM=2048 CPUS=2                 # part of the saved state: a change means a new state is saved
IMG=$DIR/image STATE=$DIR/state RUN=$DIR/run BIN=$DIR/bin
READY=JZREPL-TESTBED-READY FAILED=JZREPL-TESTBED-FAILED
MAC=52:54:00:4a:5a:01 GUEST_IP=10.0.2.15 GATEWAY=10.0.2.2   # qemu user-mode network
WAIT=${JZREPL_TESTBED_WAIT:-60}  # seconds any wait for the VM may take before it fails with the reason
source "$(dirname "$0")/lib/qemu-vm.sh"

log() { echo "[testbed $(date +%T)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
image_stamp() { echo "recipe=$RECIPE zfs_from=$ZFS_FROM"; }
state_stamp() { echo "$(cat "$IMG/stamp") $(qemu-system-x86_64 --version | head -1) mem=$MEM cpus=$CPUS"; }
image_ok() { [ -f "$IMG/rootfs.img" ] && [ "$(cat "$IMG/stamp" 2>/dev/null)" = "$(image_stamp)" ]; }
image_usable() { [ -f "$IMG/rootfs.img" ] && grep -q "^recipe=$RECIPE " "$IMG/stamp" 2>/dev/null; }  # any ZFS_FROM
state_ok() { [ -f "$STATE/state" ] && [ "$(cat "$STATE/stamp" 2>/dev/null)" = "$(state_stamp)" ]; }
running() { [ -f "$RUN/qemu.pid" ] && kill -0 "$(cat "$RUN/qemu.pid")" 2>/dev/null; }

need_tools() {
  local t missing=()
  for t in qemu-system-x86_64 qemu-img debootstrap mkfs.ext4 cpio socat ssh ssh-keygen flock; do
    command -v "$t" >/dev/null || missing+=("$t")
  done
  [ ${#missing[@]} -eq 0 ] || die "missing ${missing[*]}: run scripts/setup-deps.sh"
}

# ---------------------------------------------------------------- ssh and QMP
ssh_opts() {
  printf '%s\n' -i "$IMG/id_ed25519" -p "$(cat "$RUN/port")" -o BatchMode=yes \
    -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
    -o ConnectTimeout=10 -o ServerAliveInterval=10 -o ControlPath="$RUN/mux.sock"
}
guest() { local o; mapfile -t o < <(ssh_opts); ssh "${o[@]}" -o ControlMaster=no root@127.0.0.1 -- "$@"; }

# qmp CMD-JSON...: run QMP commands on the VM's monitor socket, print the replies

# ---------------------------------------------------------------- build
build() {
  need_tools
  mkdir -p "$DIR"
  exec 9>"$DIR/build.lock"
  flock 9 || die "cannot lock $DIR/build.lock"
  if image_ok; then
    log "image present ($(image_stamp))"
  else
    build_image
  fi
  if state_ok; then log "saved state present"; else save_state; fi
}

build_image() {
  local t0 W R K mirror security srcs
  t0=$(now); W=$DIR/work; R=$W/root
  srcs=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null | grep -E '^(URIs:|deb )' || true)
  mirror=${MIRROR:-$(grep -oE 'https?://[^ ]+/debian/?' <<<"$srcs" | grep -v security | head -1 || true)}
  security=${SECURITY:-$(grep -oE 'https?://[^ ]+/debian-security/?' <<<"$srcs" | head -1 || true)}
  [ -n "$mirror" ] || die "no Debian mirror in the host's apt sources; set MIRROR"
  log "building image ($(image_stamp)) from $mirror"
  unmount_chroot "$R"
  grep -q " $R/" /proc/mounts && die "something is still mounted under $R"
  rm -rf "$W" "$IMG" "$STATE"; mkdir -p "$W"
  trap 'unmount_chroot "'"$R"'"' EXIT

  log "debootstrap"
  debootstrap --variant=minbase \
    --include=openssh-server,kmod,udev,iproute2,procps,tini,busybox-static \
    bookworm "$R" "$mirror" >"$W/debootstrap.log" 2>&1 || die "debootstrap failed: see $W/debootstrap.log"
  rm -f "$R/etc/apt/sources.list"
  cat >"$R/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: bookworm bookworm-updates bookworm-backports
Components: main contrib
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${security:-${mirror%/}-security}
Suites: bookworm-security
Components: main contrib
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  printf '#!/bin/sh\nexit 101\n' >"$R/usr/sbin/policy-rc.d"; chmod +x "$R/usr/sbin/policy-rc.d"
  local d; for d in proc sys dev dev/pts; do mount --bind "/$d" "$R/$d"; done
  # the guest boots with our own small initramfs: skip Debian's (minutes of compression under load)
  chroot "$R" dpkg-divert --quiet --local --rename --add /usr/sbin/update-initramfs
  ln -sf /bin/true "$R/usr/sbin/update-initramfs"

  log "kernel and headers"
  chroot "$R" apt-get update -qq >"$W/apt.log" 2>&1 || die "apt-get update failed: see $W/apt.log"
  DEBIAN_FRONTEND=noninteractive chroot "$R" apt-get install -y -q --no-install-recommends \
    linux-image-amd64 linux-headers-amd64 >"$W/kernel.log" 2>&1 || die "kernel install failed: see $W/kernel.log"
  K=$(ls "$R/lib/modules" | sort -V | tail -1)

  log "zfs-dkms and zfsutils-linux from $ZFS_FROM: DKMS compiles zfs.ko for $K (minutes)"
  local target=(); [ "$ZFS_FROM" = backports ] && target=(-t bookworm-backports)
  DEBIAN_FRONTEND=noninteractive chroot "$R" apt-get install -y -q --no-install-recommends "${target[@]}" \
    zfs-dkms zfsutils-linux >"$W/zfs.log" 2>&1 || die "zfs install failed: see $W/zfs.log"
  [ -f "$R/lib/modules/$K/updates/dkms/zfs.ko" ] || die "zfs.ko was not built: see $W/zfs.log"
  chroot "$R" apt-get clean
  log "$(chroot "$R" dpkg-query -W zfs-dkms zfsutils-linux | tr '\n\t' '  ')"
  unmount_chroot "$R"

  log "guest configuration"
  mkdir -p "$W/out"
  ssh-keygen -q -t ed25519 -N '' -C jzrepl-testbed -f "$W/out/id_ed25519"
  install -d -m 700 "$R/root/.ssh"; install -m 600 "$W/out/id_ed25519.pub" "$R/root/.ssh/authorized_keys"
  echo testbed >"$R/etc/hostname"; printf '127.0.0.1 localhost\n127.0.1.1 testbed\n' >"$R/etc/hosts"
  echo '/dev/vda / ext4 rw,noatime 0 0' >"$R/etc/fstab"
  printf 'UseDNS no\nMaxSessions 100\nMaxStartups 100\n' >"$R/etc/ssh/sshd_config.d/testbed.conf"
  write_guest_init "$R/sbin/testbed-init"

  log "kernel and initramfs"
  cp "$R/boot/vmlinuz-$K" "$W/out/vmlinuz"
  make_initramfs "$R" "$K" "$W/initrd" "$W/out/initrd.img"

  log "rootfs.img"
  grep -q " $R/" /proc/mounts && die "something is still mounted under $R"
  mkfs.ext4 -q -F -L testbed -d "$R" "$W/out/rootfs.img" 4G
  image_stamp >"$W/out/stamp"
  mv "$W/out" "$IMG"; rm -rf "$W"; trap - EXIT
  log "image built in $(since "$t0") s: $(du -sh "$IMG" | cut -f1) in $IMG"
}


# PID 1 of the guest (no systemd): pseudo filesystems, udev (zpool create on whole disks waits for
# its partition events), slirp network, zfs module, sshd, a ready marker on the console, then tini.
# The NIC is found by qemu's MAC and configured only after udev has settled (the kernel command
# line also has net.ifnames=0): udev renaming the NIC while it was being configured once left the
# guest without network. Any step that fails prints the FAILED marker with the reason, so the host
# stops waiting at once.
write_guest_init() {
  cat >"$1" <<EOF
#!/bin/sh
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
say() { echo "testbed [\$(cut -d' ' -f1 /proc/uptime)] \$*" >/dev/console; }
fail() { say "$FAILED: \$*"; ip -br addr >/dev/console 2>&1; exec /usr/bin/tini -s -- sleep infinity; }
mountpoint -q /proc || mount -t proc proc /proc
mountpoint -q /sys || mount -t sysfs sys /sys
mountpoint -q /dev || mount -t devtmpfs dev /dev
mkdir -p /dev/pts /dev/shm; mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /run; mount -t tmpfs tmpfs /tmp; mount -o remount,rw /
hostname testbed
modprobe virtio_net
/lib/systemd/systemd-udevd --daemon >/dev/null 2>&1; udevadm trigger --action=add >/dev/null 2>&1
udevadm settle --timeout=30 >/dev/null 2>&1 || say "udevadm settle timed out; going on"
ip link set lo up
IF=
for i in \$(seq 1 100); do
  for n in /sys/class/net/*; do
    [ "\$(cat \$n/address 2>/dev/null)" = "$MAC" ] && IF=\${n##*/}
  done
  [ -n "\$IF" ] && break; sleep 0.1
done
[ -n "\$IF" ] || fail "no network interface with MAC $MAC"
ip link set "\$IF" up || fail "cannot bring up \$IF"
ip addr add $GUEST_IP/24 dev "\$IF" || fail "cannot add $GUEST_IP to \$IF"
ip route add default via $GATEWAY dev "\$IF" || fail "no route via $GATEWAY on \$IF"
ip -4 addr show dev "\$IF" | grep -q "inet $GUEST_IP/" || fail "\$IF has no address $GUEST_IP"
say "network: \$IF $GUEST_IP"
modprobe zfs || fail "modprobe zfs failed"
say "zfs \$(cat /sys/module/zfs/version) loaded"
mkdir -p /run/sshd; /usr/sbin/sshd || fail "sshd did not start"
say "$READY"
exec /usr/bin/tini -s -- sleep infinity
EOF
  chmod +x "$1"
}

# A busybox initramfs that loads virtio_blk and ext4, mounts /dev/vda and switches to it.
make_initramfs() {
  local R=$1 K=$2 I=$3 out=$4 m
  rm -rf "$I"; mkdir -p "$I"/{bin,dev,proc,newroot,mods}
  cp "$R/bin/busybox" "$I/bin/busybox"
  for m in virtio_pci virtio_blk ext4; do chroot "$R" modprobe -S "$K" --show-depends "$m"; done |
    awk '$1 == "insmod" && !seen[$2]++ { print $2 }' | while read -r ko; do
      cp "$R$ko" "$I/mods/"; basename "$ko" >>"$I/mods/order"; done
  cat >"$I/init" <<'EOF'
#!/bin/busybox sh
B=/bin/busybox
$B mount -t proc proc /proc; $B mount -t devtmpfs dev /dev
for m in $($B cat /mods/order); do $B insmod /mods/$m 2>/dev/null; done
for i in $($B seq 1 100); do [ -b /dev/vda ] && break; $B usleep 50000; done
$B mount -t ext4 -o rw,noatime /dev/vda /newroot || { echo "cannot mount /dev/vda"; exec $B sh; }
$B umount /proc; $B mount --move /dev /newroot/dev
exec $B switch_root /newroot /sbin/testbed-init
EOF
  chmod +x "$I/init"
  (cd "$I" && find . | cpio -o -H newc --quiet | gzip -1 >"$out")
}

# ---------------------------------------------------------------- run
# qemu_run ROOT-DRIVE-SPEC [EXTRA...]: start qemu daemonized on a free loopback port.
# -daemonize changes directory to /, so every path is absolute.
qemu_run() {
  local root=$1 try port; shift
  mkdir -p "$RUN"
  for try in 1 2 3 4 5; do
    rm -f "$RUN"/{console.log,qemu.pid,qmp.sock,mux.sock}
    port=$(free_port); echo "$port" >"$RUN/port"
    if qemu-system-x86_64 -accel tcg,thread=multi -cpu max -m "$MEM" -smp "$CPUS" \
         -display none -no-reboot -nodefaults \
         -kernel "$IMG/vmlinuz" -initrd "$IMG/initrd.img" -append "console=ttyS0 quiet panic=-1 net.ifnames=0" \
         -drive "$root" \
         -netdev user,id=n0,hostfwd=tcp:127.0.0.1:"$port"-:22 -device virtio-net-pci,netdev=n0,mac=$MAC \
         -serial file:"$RUN/console.log" -qmp unix:"$RUN/qmp.sock",server=on,wait=off \
         -daemonize -pidfile "$RUN/qemu.pid" "$@" 2>"$RUN/qemu.err"; then
      return 0
    fi
    grep -qi 'hostfwd\|address' "$RUN/qemu.err" || break   # retry only when the port was taken
  done
  die "qemu failed: $(cat "$RUN/qemu.err")"
}


# wait_for WHAT COMMAND...: runs COMMAND until it succeeds; fails after $WAIT seconds.
wait_for() {
  local what=$1 deadline=$((SECONDS + WAIT)); shift
  until "$@"; do
    [ $SECONDS -lt $deadline ] || fail_wait "$what did not finish within $WAIT s"
    running || fail_wait "qemu exited while $what"
    sleep 0.2
  done
}
qmp_says() { qmp "$1" | grep -q "$2"; }

console_tail() { tail -n "${1:-15}" "$RUN/console.log" 2>/dev/null | sed 's/^/  console: /' >&2 || true; }
fail_wait() { log "ERROR: $*; the console's last lines:"; console_tail; exit 1; }

# Waits for the guest's ready marker: fails at once on its failure marker or when qemu exits, and
# after $WAIT seconds without the marker.
wait_console_ready() {
  local pid deadline; pid=$(cat "$RUN/qemu.pid"); deadline=$((SECONDS + WAIT))
  while [ $SECONDS -lt $deadline ]; do
    grep -q "$READY" "$RUN/console.log" 2>/dev/null && return 0
    grep -q "$FAILED" "$RUN/console.log" 2>/dev/null && fail_wait "the guest failed to boot"
    kill -0 "$pid" 2>/dev/null || fail_wait "qemu exited during boot"
    sleep 0.1
  done
  fail_wait "VM not ready after $WAIT s"
}

# Opens the ssh control master that the wrappers share (one TCP connection, ~0.1 s per command).
# Fails after $WAIT seconds with ssh's last error and the console's last lines.
open_master() {
  local o deadline err; mapfile -t o < <(ssh_opts); deadline=$((SECONDS + WAIT))
  while [ $SECONDS -lt $deadline ]; do
    if err=$(timeout 15 ssh "${o[@]}" -o ConnectTimeout=5 -o ControlMaster=yes -o ControlPersist=yes \
               -f -N root@127.0.0.1 2>&1); then return 0; fi
    running || fail_wait "qemu exited: ${err:-no ssh}"
    sleep 0.5
  done
  fail_wait "no ssh to the VM on port $(cat "$RUN/port") after $WAIT s: ${err:-no answer}"
}

close_master() {
  [ -S "$RUN/mux.sock" ] || return 0
  local o; mapfile -t o < <(ssh_opts); ssh "${o[@]}" -O exit root@127.0.0.1 2>/dev/null || true
}

save_state() {
  local t0; t0=$(now)
  image_usable || die "no image: run '$0 build'"
  stop_vm
  log "cold boot to save a booted state"
  rm -rf "$STATE"; mkdir -p "$STATE"
  qemu-img create -q -f qcow2 -b "$IMG/rootfs.img" -F raw "$STATE/root.qcow2"
  qemu_run file="$STATE/root.qcow2",if=virtio,format=qcow2,cache=unsafe
  wait_console_ready; open_master; guest sync; close_master
  qmp_save_to "$STATE/state"
  wait_for "saving the VM state" qmp_says '{"execute":"query-migrate"}' '"status": "completed"'
  stop_vm
  state_stamp >"$STATE/stamp"
  log "state saved in $(since "$t0") s: $(du -sh "$STATE" | cut -f1)"
}

start() {
  local t0; t0=$(now)
  need_tools
  if running; then log "already running on port $(cat "$RUN/port")"; write_wrappers; return 0; fi
  image_usable || die "no testbed image in $IMG: run '$0 build' (~5 min once)"
  if state_ok; then
    mkdir -p "$RUN"; cp --sparse=always "$STATE/root.qcow2" "$RUN/root.qcow2"   # the disk that matches the RAM
    qemu_run file="$RUN/root.qcow2",if=virtio,format=qcow2,cache=unsafe -incoming "exec:cat $STATE/state"
    wait_for "loading the saved state" qmp_says '{"execute":"query-status"}' '"paused"'
    qmp '{"execute":"cont"}' >/dev/null
    open_master
    sync_clock                                  # the guest clock resumes at save time
    log "restored in $(since "$t0") s (port $(cat "$RUN/port"))"
  else
    log "no saved state: cold boot (run '$0 build' to save one)"
    qemu_run file="$IMG/rootfs.img",if=virtio,format=raw,snapshot=on
    wait_console_ready; open_master
    log "booted in $(since "$t0") s (port $(cat "$RUN/port"))"
  fi
  write_wrappers
  log "$(guest 'zfs version | head -1')"
}

# Cold-boots the image (not the saved state) in a VM of its own next to any running one, checks
# that the guest has its network, ssh and the zfs module, and stops it. This is the path a fresh
# machine takes to save its first state, so test.sh runs it every time: no cache can satisfy it.
boot_check() {
  local t0; t0=$(now)
  need_tools
  image_usable || die "no testbed image in $IMG: run '$0 build' (~5 min once)"
  RUN=$DIR/run-boot-check
  trap stop_vm EXIT
  stop_vm
  qemu_run file="$IMG/rootfs.img",if=virtio,format=raw,snapshot=on
  wait_console_ready; open_master
  guest 'test -e /dev/zfs && ip -4 -br addr | grep -q 10.0.2.15' || fail_wait "the guest has no /dev/zfs or no address"
  log "cold boot check passed in $(since "$t0") s: $(grep -o 'network: .*' "$RUN/console.log" | head -1)"
  stop_vm; trap - EXIT
}


# Host-side wrappers: arguments %q-quoted for the guest shell; stdin, stdout, stderr and the exit
# code pass through (ssh's own failures exit 255).
write_wrappers() {
  local c opts
  opts=$(ssh_opts | while read -r a; do printf '%q ' "$a"; done)
  mkdir -p "$BIN"
  for c in zfs zpool; do
    printf '#!/bin/bash\nexec ssh %s-o ControlMaster=no root@127.0.0.1 -- "%s $(printf '"'"'%%q '"'"' "$@")"\n' \
      "$opts" "$c" >"$BIN/$c.tmp"
  done
  printf '#!/bin/bash\n# Runs a command line in the testbed VM (joined and run by the guest shell).\nexec ssh %s-o ControlMaster=no root@127.0.0.1 -- "$@"\n' \
    "$opts" >"$BIN/testbed-ssh.tmp"
  for c in zfs zpool testbed-ssh; do chmod +x "$BIN/$c.tmp"; mv "$BIN/$c.tmp" "$BIN/$c"; done
}

stop_vm() {
  running || { rm -f "$RUN/qemu.pid"; return 0; }
  local pid; pid=$(cat "$RUN/qemu.pid")
  close_master
  qmp '{"execute":"quit"}' >/dev/null
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill "$pid" 2>/dev/null && log "qemu did not quit over QMP; sent SIGTERM" || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$RUN/qemu.pid" "$RUN/root.qcow2"
}

stop() { stop_vm; rm -rf "$BIN"; log "stopped"; }

case ${1:-} in
  build) build ;;
  boot-check) boot_check ;;
  start) start ;;
  stop) stop ;;
  env) running || die "testbed not running: run '$0 start'"; echo "export JZREPL_ZFS_BIN_DIR=$BIN" ;;
  status) if running; then echo "running, port $(cat "$RUN/port"), wrappers in $BIN"; else echo stopped; fi ;;
  *) echo "usage: $0 build|boot-check|start|stop|env|status" >&2; exit 2 ;;
esac
