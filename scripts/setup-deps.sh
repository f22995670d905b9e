#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need. Idempotent; quiet when all present.
set -euo pipefail
need=()
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
# qemu..socat: the real-ZFS testbed VM (scripts/zfs-testbed.sh)
for p in maven openjdk-17-jdk-headless openssh-server openssh-client jq curl man-db \
         qemu-system-x86 qemu-utils debootstrap e2fsprogs cpio socat; do
  have "$p" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "missing packages: ${need[*]} (run as root or install them)" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi
