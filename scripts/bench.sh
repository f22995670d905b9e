#!/usr/bin/env bash
# Benchmarks. Usage: scripts/bench.sh NAME [ARGS...]
# Each benchmark lives in scripts/bench/NAME.sh, builds what it needs, and prints its figures
# as ratios against a baseline measured in the same run; its last line is the summary.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
name=${1:-}
if [ -z "$name" ] || [ ! -f "$here/bench/$name.sh" ]; then
  echo "usage: scripts/bench.sh NAME [ARGS...]; NAME is one of:" >&2
  for f in "$here"/bench/*.sh; do [ -e "$f" ] && echo "  $(basename "$f" .sh)" >&2; done
  exit 2
fi
shift
exec bash "$here/bench/$name.sh" "$@"
