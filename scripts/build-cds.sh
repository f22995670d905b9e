#!/usr/bin/env bash
# Prepares fast start-up of the forced command `jzrepl stdinserver` (run at build/install time):
#  1. extracts junixsocket's native library next to the jar (JAR_DIR/libjunixsocket-native.so), so
#     the JVM need not unpack it to /tmp on every SSH connection;
#  2. builds an AppCDS archive (JAR_DIR/jzrepl.jsa) from a training run of the forced command.
# bin/jzrepl uses both when present. Re-run whenever the jar changes: a stale archive is ignored
# (the JVM's warning goes to stderr, never into the protocol stream on stdout).
# Usage: scripts/build-cds.sh [JAR]
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
  override=(-Dorg.newsclub.net.unix.library.override="$dir/libjunixsocket-native.so")
else
  echo "build-cds: no junixsocket library for $arch-Linux in the jar; it will be extracted at run time" >&2
  override=()
fi

# Training run: the forced command against a sockdir without a daemon exercises argument parsing,
# junixsocket loading and the error path. It exits non-zero by design.
mkdir -m 0700 "$tmp/sock"
rm -f "$dir/jzrepl.jsa"
"$java" -XX:ArchiveClassesAtExit="$dir/jzrepl.jsa" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData \
  -Xlog:disable -Xlog:all=warning:stderr "${override[@]}" \
  -cp "$jar" org.jzrepl.cli.Main stdinserver --sockdir "$tmp/sock" cds-training </dev/null >/dev/null 2>"$tmp/train.log" || true
if [ -s "$dir/jzrepl.jsa" ]; then
  echo "build-cds: wrote $dir/jzrepl.jsa and $dir/libjunixsocket-native.so" >&2
else
  echo "build-cds: no archive written:" >&2; cat "$tmp/train.log" >&2; exit 1
fi
