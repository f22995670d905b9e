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

case "${1:-}" in
  root) build_root; exit 0 ;;
esac
