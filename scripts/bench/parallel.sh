#!/usr/bin/env bash
# Many datasets at once: 1, 2 and 4 streams of BYTES each (default 512 MiB) at the same time over one
# jzrepl ssh+stdinserver connecter (one SSH session, an exec channel and RPC connection per stream,
# through the real forced command), against as many parallel OpenSSH `ssh -c aes128-gcm cat FILE`
# processes on the same sshd. One untimed warm-up, interleaved rounds, medians of ROUNDS (3).
# Last line: parallel: 2 streams X MiB/s, openssh: Y MiB/s, ratio: R (target >= 1.0; and 2 streams
# >= 1.6 x one stream where the cores allow it: the line before says).
set -euo pipefail
source "$(dirname "$0")/lib/transport.sh"
run_transport_bench parallel "${ROUNDS:-3}" "${BYTES:-536870912}"
