# Shared by bench/ssh.sh and bench/connect.sh (sourced): builds what the transport benchmarks
# need and defines run_transport_bench KIND ROUNDS [ARGS...].
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
cd "$root"
bash scripts/setup-deps.sh
source scripts/bench/lib/mvn.sh
if [ ! -f target/jzrepl.jar ] || [ -n "$(find src/main pom.xml -newer target/jzrepl.jar -print -quit)" ]; then
  mvn_q package -DskipTests >&2
fi
mvn_q test-compile >&2
mvn_q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
bash scripts/build-cds.sh target/jzrepl.jar
work=$(mktemp -d /tmp/jzrepl-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

# The forced command exactly as installed (authorized_keys form, config in /etc/jzrepl/jzrepl.yml of
# an /etc overlay that only the benchmark sshd sees).
forced="$root/bin/jzrepl stdinserver {identity}"

run_transport_bench() {
  local kind=$1 rounds=$2; shift 2
  echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  java ${BENCH_JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    org.jzrepl.testing.sshd.TransportBench "$kind" "$work" "$rounds" "$forced" "$@"
}
