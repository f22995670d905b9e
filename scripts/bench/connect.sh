#!/usr/bin/env bash
# Connection set-up: a fresh SSH session with jzrepl's MINA client, the forced command's JVM
# start, the fd hand-over and the first answer from the daemon, against `ssh host true` (OpenSSH
# client, a key of the same type, same sshd). Interleaved, median of 5.
# Last line: connect: X ms, ssh-true: Y ms, ratio: R (target <= 1.4)
set -euo pipefail
source "$(dirname "$0")/lib/transport.sh"
run_transport_bench connect "${ROUNDS:-5}"
