#!/usr/bin/env bash
# The soak of issue 13 on the real-ZFS testbed: a push job snapshotting every 5 s into a sink,
# grid pruning scaled to seconds on both sides, the connection cut at random every ~30 s, for
# MINUTES (default 2, what CI runs as part of the integration tests); then a quiet catch-up run and
# the checks (src/test/java/org/jzrepl/e2e/SoakIT.java). The last line is the summary:
#   soak: N ticks, M cuts, K prunes, full resends: 0, stale: 0, lost: 0
# Needs JZREPL_ZFS_BIN_DIR (the testbed's bin dir, see scripts/zfs-testbed.sh).
# Usage: scripts/soak.sh [MINUTES]
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-2}
case "$minutes" in
  ''|*[!0-9]*|0) echo "usage: scripts/soak.sh [MINUTES]; MINUTES is a whole number of minutes, at least 1" >&2; exit 2 ;;
esac
if [ -z "${JZREPL_ZFS_BIN_DIR:-}" ]; then
  echo "soak: JZREPL_ZFS_BIN_DIR is not set: the soak needs the real-ZFS testbed (scripts/zfs-testbed.sh)" >&2
  exit 2
fi
log=$(mktemp -t jzrepl-soak.XXXXXX)
status=0
SOAK_MINUTES=$minutes mvn -B -ntp verify -DskipTests=false -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=SoakIT >"$log" 2>&1 || status=$?
grep '^soak problem: ' "$log" || true
summary=$(grep '^soak: [0-9]* ticks' "$log" | tail -1 || true)
if [ "$status" -ne 0 ]; then
  echo "soak: the run failed (exit $status); the maven log is $log" >&2
  grep -E 'AssertionError|FAILURE|ERROR\]' "$log" | head -20 >&2 || true
fi
if [ -z "$summary" ]; then
  echo "soak: no summary (log: $log)"
  exit 1
fi
echo "$summary"
exit "$status"
