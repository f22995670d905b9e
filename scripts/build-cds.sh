#!/usr/bin/env bash
# Prepares fast start-up of the forced command `jzrepl stdinserver` (run at build/install time):
#  1. extracts junixsocket's native library into DIR (DIR/libjunixsocket-native.so), so
#     the JVM need not unpack it to /tmp on every SSH connection;
#  2. builds two AppCDS archives from training runs through the launcher: DIR/jzrepl-stdinserver.jsa
#     for the forced command (which runs with the jar's base classes, see bin/jzrepl) and
#     DIR/jzrepl.jsa for the other short-lived commands.
# bin/jzrepl uses them when present. Re-run whenever the jar changes (the package does, on install
# and upgrade): a stale archive is ignored without a word (bin/jzrepl silences the JVM's cds log).
# Needs only a Java runtime (no JDK tools). Exits non-zero, saying why, when any step failed.
# Usage: scripts/build-cds.sh [JAR [DIR]]   writes into DIR (default: the jar's directory); the
#        Debian package's postinst runs /usr/share/jzrepl/build-cds.sh /usr/share/jzrepl/jzrepl.jar
#        /var/cache/jzrepl, where bin/jzrepl looks for the packaged jar's files.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$(readlink -f "${1:-$root/target/jzrepl.jar}")
[ -f "$jar" ] || { echo "build-cds: $jar not found (run mvn package first)" >&2; exit 1; }
dir=${2:-$(dirname "$jar")}
[ -d "$dir" ] || { echo "build-cds: FAILED: $dir is not a directory" >&2; exit 1; }
java=${JAVA:-$(command -v java || true)}
[ -n "$java" ] || { echo "build-cds: FAILED: no java in PATH (set JAVA)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The jar's own extractor: a Java runtime has no `jar` tool, and the package depends on nothing else.
if ! "$java" -Xshare:off -cp "$jar" org.jzrepl.cli.NativeLibraryExtractor "$jar" "$dir/libjunixsocket-native.so" \
    2>"$tmp/extract.log"; then
  echo "build-cds: FAILED: $(tail -1 "$tmp/extract.log")" >&2
  echo "build-cds: without it every stdinserver connection unpacks the library into a temp directory (slower; fails where /tmp is noexec)" >&2
  exit 1
fi

# Training runs through the launcher itself, so the flags and the class path match what sshd will
# run: `jzrepl -c CONFIG stdinserver IDENT` loads the sockdir lookup and junixsocket and takes the
# error path (no daemon listens; it exits non-zero by design); `configcheck` loads the config layer.
mkdir -m 0700 "$tmp/sock"
printf 'global:\n  serve:\n    stdinserver:\n      sockdir: %s\njobs: []\n' "$tmp/sock" > "$tmp/jzrepl.yml"
launcher=
for l in "$(dirname "$jar")/bin/jzrepl" "$root/bin/jzrepl" "$(command -v jzrepl || true)"; do
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
ok=1
train jzrepl-stdinserver.jsa JZREPL_STDINSERVER_ERROR stdinserver cds-training || ok=
train jzrepl.jsa '' configcheck -q || ok=
[ -n "$ok" ] || { echo "build-cds: FAILED: see the training output above" >&2; exit 1; }
echo "build-cds: wrote $dir/jzrepl-stdinserver.jsa, $dir/jzrepl.jsa and $dir/libjunixsocket-native.so" >&2
