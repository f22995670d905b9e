#!/usr/bin/env bash
# Regenerates the man page sources man/*.adoc from the picocli model of the CLI.
# Run it after changing a subcommand, its options or their descriptions, and commit man/.
# `mvn package` renders man/*.adoc into target/man/*.1; view one with `man -l target/man/jzrepl.1`.
# Usage: scripts/gen-man.sh [extra mvn args, e.g. -o]
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=target/gen-man.classpath
mvn -B -q "$@" test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2
rm -f man/jzrepl*.adoc
java -cp "target/classes:target/test-classes:$(cat "$cp_file")" org.jzrepl.cli.ManPageSources man
echo "man/: $(ls man/*.adoc | wc -l) pages regenerated; review with git diff man/" >&2
