#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need. Idempotent; quiet when all present.
set -euo pipefail
need=()
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
# qemu..socat: the real-ZFS testbed VM (scripts/zfs-testbed.sh), which the package's system test
# (scripts/package-test.sh) also derives its systemd guest from; lintian: the package test
# tmux, pv: StatusScreenIT runs `jzrepl status` in a tmux terminal against a transfer throttled by pv
for p in maven openjdk-17-jdk-headless openssh-server openssh-client jq curl man-db \
         qemu-system-x86 qemu-utils debootstrap e2fsprogs cpio socat lintian tmux pv; do
  have "$p" || need+=("$p")
done
# postgresql, mariadb-server: the snapshot hook ITs start private servers from these binaries
# (on loopback, a free port, a temp dir); prometheus: AlertRulesIT runs its promtool on the example
# alerting rules. The packages' own services must not run.
svc=()
for p in postgresql mariadb-server prometheus; do
  have "$p" || svc+=("$p")
done
need+=("${svc[@]}")
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "missing packages: ${need[*]} (run as root or install them)" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  policy=
  if [ ${#svc[@]} -gt 0 ] && [ ! -e /usr/sbin/policy-rc.d ]; then
    # keep the packages from starting their services while they install
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\n# jzrepl setup-deps.sh: no service starts during this install\nexit 101\n' > "$policy"
    chmod 755 "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  apt-get update -qq
  apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
  if [ ${#svc[@]} -gt 0 ] && [ -d /run/systemd/system ]; then
    # nor start them at boot: only what this script installed is touched
    for p in "${svc[@]}"; do
      case "$p" in postgresql) unit=postgresql ;; mariadb-server) unit=mariadb ;; prometheus) unit=prometheus ;; esac
      systemctl disable --now "$unit" >/dev/null 2>&1 || true
    done
  fi
fi
