#!/usr/bin/env bash
# Prepares fast start-up of the forced command `jzrepl stdinserver` (run at build/install time):
#  1. extracts junixsocket's native library next to the jar (JAR_DIR/libjunixsocket-native.so), so
#     the JVM need not unpack it to /tmp on every SSH connection;
#  2. builds an AppCDS archive (JAR_DIR/jzrepl.jsa) from a training run of the forced command.
# bin/jzrepl uses both when present. Re-run whenever the jar changes: a stale archive is ignored
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

# Training run through the launcher itself, so the flags and the class path match what sshd will
# run: `jzrepl -c CONFIG stdinserver IDENT` loads picocli, the config loader and junixsocket, and
# takes the error path (no daemon listens). It exits non-zero by design.
mkdir -m 0700 "$tmp/sock"
printf 'global:\n  serve:\n    stdinserver:\n      sockdir: %s\njobs: []\n' "$tmp/sock" > "$tmp/jzrepl.yml"
rm -f "$dir/jzrepl.jsa"
launcher=
for l in "$dir/bin/jzrepl" "$root/bin/jzrepl" "$(command -v jzrepl || true)"; do
  if [ -n "$l" ] && [ -x "$l" ]; then launcher=$l; break; fi
done
[ -n "$launcher" ] || { echo "build-cds: cannot find the jzrepl launcher (bin/jzrepl)" >&2; exit 1; }
JZREPL_JAR="$jar" JAVA_OPTS="-XX:ArchiveClassesAtExit=$dir/jzrepl.jsa" JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$java")")")" \
  "$launcher" -c "$tmp/jzrepl.yml" stdinserver cds-training </dev/null >"$tmp/train.out" 2>"$tmp/train.log" || true
if [ -s "$dir/jzrepl.jsa" ] && grep -q 'JZREPL_STDINSERVER_ERROR' "$tmp/train.out"; then
  echo "build-cds: wrote $dir/jzrepl.jsa and $dir/libjunixsocket-native.so" >&2
else
  echo "build-cds: training run failed, no usable archive:" >&2; cat "$tmp/train.log" >&2; rm -f "$dir/jzrepl.jsa"; exit 1
fi
