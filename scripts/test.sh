#!/usr/bin/env bash
# The whole test suite on a fresh Debian bookworm machine: installs what the tests need
# (as root, via apt), then runs unit tests, integration tests (real sshd, real ZFS) and checks.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-deps.sh
mvn -B -ntp verify "$@"
