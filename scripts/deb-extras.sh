#!/usr/bin/env bash
# Package-phase helper (run by `mvn package` before jdeb, see pom.xml): prepares the Debian
# package's generated files under target/deb/:
#   man/*.1.gz        the man pages (target/man/*.1) compressed as Debian wants them (gzip -9n)
#   changelog.gz      packaging/deb/changelog with this build's package version
#   jzrepl.bash       the bash completion script, generated from the CLI (org.jzrepl.cli.BashCompletion)
# Usage: scripts/deb-extras.sh MAVEN_VERSION (e.g. 0.1.0-SNAPSHOT)
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:?usage: scripts/deb-extras.sh MAVEN_VERSION}
# jdeb's rule for the package version: a -SNAPSHOT suffix becomes ~snapshot (sorts before the release)
deb_version=$(printf '%s' "$version" | sed 's/-SNAPSHOT$/~SNAPSHOT/' | tr 'A-Z' 'a-z')
out=target/deb
rm -rf "$out"
mkdir -p "$out/man"
ls target/man/*.1 >/dev/null 2>&1 || { echo "deb-extras: no target/man/*.1 (the asciidoctor step must run first)" >&2; exit 1; }
for page in target/man/*.1; do
  gzip -9n <"$page" >"$out/man/$(basename "$page").gz"
done
sed "s/@DEB_VERSION@/$deb_version/" packaging/deb/changelog | gzip -9n >"$out/changelog.gz"
java -cp target/jzrepl.jar org.jzrepl.cli.BashCompletion >"$out/jzrepl.bash"
bash -n "$out/jzrepl.bash"
