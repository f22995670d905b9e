#!/usr/bin/env bash
# Prepares fast start-up of the forced command `jzrepl stdinserver` (run at build/install time):
#  1. extracts junixsocket's native library next to the jar (JAR_DIR/libjunixsocket-native.so), so
#     the JVM need not unpack it to /tmp on every SSH connection;
#  2. builds two AppCDS archives from training runs through the launcher: JAR_DIR/jzrepl-stdinserver.jsa
#     for the forced command (which runs with the jar's base classes, see bin/jzrepl) and
#     JAR_DIR/jzrepl.jsa for the other short-lived commands.
# bin/jzrepl uses them when present. Re-run whenever the jar changes: a stale archive is ignored
# (the JVM's warning goes to stderr, never into the protocol stream on stdout).
# Usage: scripts/build-cds.sh [JAR]   (the Debian package runs it from postinst as
#        /usr/share/jzrepl/build-cds.sh /usr/share/jzrepl/jzrepl.jar)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$(readlink -f "${1:-$root/target/jzrepl.jar}")
[ -f "$jar" ] || { echo "build-cds: $jar not found (run mvn package first)" >&2; exit 1; }
dir=$(dirname "$jar")
java=${JAVA:-$(command -v java)}

case "$(uname -m)" in
  x86_64) arch=amd64 ;;
  aarch64) arch=aarch64 ;;
  *) arch=$(uname -m) ;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
lib=$(cd "$tmp" && "$(dirname "$(readlink -f "$java")")/jar" tf "$jar" | grep -E "^lib/$arch-Linux-[a-z]+/jni/libjunixsocket-native-[0-9.]+\.so$" | head -1 || true)
if [ -n "$lib" ]; then
  (cd "$tmp" && "$(dirname "$(readlink -f "$java")")/jar" xf "$jar" "$lib")
  install -m 0644 "$tmp/$lib" "$dir/libjunixsocket-native.so"
else
  echo "build-cds: no junixsocket library for $arch-Linux in the jar; it will be extracted at run time" >&2
fi

# Training runs through the launcher itself, so the flags and the class path match what sshd will
# run: `jzrepl -c CONFIG stdinserver IDENT` loads the sockdir lookup and junixsocket and takes the
# error path (no daemon listens; it exits non-zero by design); `configcheck` loads the config layer.
mkdir -m 0700 "$tmp/sock"
printf 'global:\n  serve:\n    stdinserver:\n      sockdir: %s\njobs: []\n' "$tmp/sock" > "$tmp/jzrepl.yml"
launcher=
for l in "$dir/bin/jzrepl" "$root/bin/jzrepl" "$(command -v jzrepl || true)"; do
  if [ -n "$l" ] && [ -x "$l" ]; then launcher=$l; break; fi
done
[ -n "$launcher" ] || { echo "build-cds: cannot find the jzrepl launcher (bin/jzrepl)" >&2; exit 1; }
java_home=$(dirname "$(dirname "$(readlink -f "$java")")")

# train ARCHIVE STDOUT_PATTERN ARGS...: one training run (its stdout must match the pattern unless
# that is empty); removes the archive if the run failed
train() {
  local archive=$1 expect=$2; shift 2
  rm -f "$dir/$archive"
  JZREPL_JAR="$jar" JAVA_OPTS="-XX:ArchiveClassesAtExit=$dir/$archive" JAVA_HOME="$java_home" \
    "$launcher" -c "$tmp/jzrepl.yml" "$@" </dev/null >"$tmp/train.out" 2>"$tmp/train.log" || true
  if [ -s "$dir/$archive" ] && { [ -z "$expect" ] || grep -q "$expect" "$tmp/train.out"; }; then
    return 0
  fi
  echo "build-cds: training run for $archive failed, no usable archive:" >&2
  grep -v '\[cds\]' "$tmp/train.log" | tail -20 >&2
  rm -f "$dir/$archive"
  return 1
}
train jzrepl-stdinserver.jsa JZREPL_STDINSERVER_ERROR stdinserver cds-training
train jzrepl.jsa '' configcheck -q
echo "build-cds: wrote $dir/jzrepl-stdinserver.jsa, $dir/jzrepl.jsa and $dir/libjunixsocket-native.so" >&2
