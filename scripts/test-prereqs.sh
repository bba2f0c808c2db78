#!/usr/bin/env bash
# What the test suites need besides npm packages, installed when missing:
#  - the Neo4j 5.26 test server (Maven Central artifacts in ~/.m2, built once),
#  - poppler (pdftotext, pdftoppm) to read the exported PDF map,
#  - Debian's chromium for the browser tests (driven by playwright-core).
# Runs before `npm test` (pretest) and from .ci/run; a no-op once all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
  if command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
    apt-get update -qq && apt-get install -y -qq "$@" >/dev/null
  else
    echo "tests need: $* (install them with your package manager, e.g. sudo apt-get install -y $*)" >&2
    exit 1
  fi
}

neo4j_dir=scripts/neo4j
if [[ ! -f $neo4j_dir/target/.built || $neo4j_dir/pom.xml -nt $neo4j_dir/target/.built ]]; then
  bash "$neo4j_dir/prefetch.sh"
fi
if ! command -v pdftotext >/dev/null || ! command -v pdftoppm >/dev/null; then
  apt_install poppler-utils
fi
if [[ ! -x /usr/bin/chromium ]]; then
  apt_install chromium
fi
