#!/usr/bin/env bash
# Throughput of ssh+stdinserver: 2 GiB from the daemon (an RPC stream, as replication uses it)
# through the forced command, OpenSSH sshd and jzrepl's MINA client, against the OpenSSH client
# (aes128-gcm) reading the same 2 GiB file with `cat` from the same sshd. One untimed warm-up
# transfer (JIT), then interleaved rounds, median of 3; the data phase (first byte to EOF) is
# timed the same way for both. Last line: ssh: X MiB/s, openssh: Y MiB/s, ratio: R (target >= 1.0)
set -euo pipefail
source "$(dirname "$0")/lib/transport.sh"
run_transport_bench ssh "${ROUNDS:-3}" "${BYTES:-2147483648}"
