#!/usr/bin/env bash
# The whole test suite on a fresh Debian bookworm machine: installs what the tests need
# (as root, via apt), then runs unit tests, integration tests (real sshd, real ZFS) and checks.
# The real-ZFS tests run in the testbed VM (scripts/zfs-testbed.sh): built once and cached
# (~5 min), started for this run (~3 s) and stopped on exit; a testbed already running is reused
# and left running.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-deps.sh
scripts/zfs-testbed.sh build
scripts/zfs-testbed.sh boot-check     # the cold boot a fresh machine takes: never satisfied by a cache
if ! scripts/zfs-testbed.sh status | grep -q '^running'; then
  trap 'scripts/zfs-testbed.sh stop' EXIT
  scripts/zfs-testbed.sh start
fi
eval "$(scripts/zfs-testbed.sh env)"
mvn -B -ntp verify "$@"
