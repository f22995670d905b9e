#!/usr/bin/env bash
# Many datasets at once: 1, 2 and 4 streams of BYTES each (default 512 MiB) at the same time.
# Aggregate from the first byte to the last EOF; one untimed warm-up, interleaved rounds, medians
# of ROUNDS (3). The line before the last gives the 1 -> 2 stream scaling (target >= 1.6 where the
# cores allow it).
#
# scripts/bench.sh parallel: over one jzrepl ssh+stdinserver connecter (one SSH session, an exec
# channel and RPC connection per stream, through the real forced command), against as many
# parallel OpenSSH `ssh -c aes128-gcm cat FILE` processes on the same sshd.
# Last line: parallel: 2 streams X MiB/s, openssh: Y MiB/s, ratio: R (target >= 1.0).
#
# scripts/bench.sh parallel tls: over jzrepl's tls transport (the daemon's TlsListener in a second
# JVM; one TLS connection and RPC connection per stream, as the tls connecter dials them), against
# as many parallel `socat OPENSSL:` clients reading the same file from `socat OPENSSL-LISTEN,fork`
# on loopback (OpenSSL's TLS, 128 KiB buffers; not `openssl s_client`, which writes 1 KiB per
# system call); certificates made by openssl in the run, TLS 1.3 TLS_AES_128_GCM_SHA256 on both.
# Each round also prints the CPU time per GiB of all processes of each side.
# Last line: parallel-tls: 2 streams X MiB/s, openssl: Y MiB/s, ratio: R.
set -euo pipefail
source "$(dirname "$0")/lib/transport.sh"
if [ "${1:-}" = tls ]; then
  echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  java -XX:+UseSerialGC -Djdk.tls.client.cipherSuites=TLS_AES_128_GCM_SHA256 ${BENCH_JAVA_OPTS:-} \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    org.jzrepl.bench.TlsParallelBench "$work" "${ROUNDS:-3}" "${BYTES:-536870912}"
else
  run_transport_bench parallel "${ROUNDS:-3}" "${BYTES:-536870912}"
fi
