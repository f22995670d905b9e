#!/usr/bin/env bash
# The README's run command: installs what is needed, builds jzrepl, and runs it on the
# shipped example config (configcheck prints the config with every default filled in).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-deps.sh
mvn -B -q -ntp package -DskipTests
bin/jzrepl --config packaging/deb/jzrepl.yml configcheck
