# Sourced by the benchmarks. mvn_q GOALS...: Maven, quiet, offline first (no network round trips
# when everything is local), then online when the offline run fails: a fresh machine has only what
# the build and tests used, not e.g. the dependency plugin behind dependency:build-classpath.
mvn_q() { mvn -B -q -o "$@" >/dev/null 2>&1 || mvn -B -q -ntp "$@"; }
