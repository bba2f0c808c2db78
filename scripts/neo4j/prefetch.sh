#!/usr/bin/env bash
# Downloads everything the Neo4j test server needs into ~/.m2 and builds it, so
# that test runs (tests/setup/global.ts → run.sh) start offline. Safe to re-run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
if ! command -v java >/dev/null || ! command -v mvn >/dev/null; then
  if command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
    echo "installing Java 17 and Maven (needed for the Neo4j test server)…" >&2
    apt-get update -qq && apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
  else
    echo "the Neo4j test server needs Java 17 and Maven (java and mvn on PATH)" >&2
    exit 1
  fi
fi
mkdir -p target
mvn -q -B dependency:resolve dependency:resolve-plugins compile dependency:build-classpath \
  "-Dmdep.outputFile=$here/target/classpath.txt" >"$here/target/prefetch.log" 2>&1 || {
  cat "$here/target/prefetch.log" >&2
  echo "neo4j prefetch failed (log above)" >&2
  exit 1
}
touch "$here/target/.built"
echo "neo4j test server ready: $(tr ':' '\n' <"$here/target/classpath.txt" | wc -l) jars, Neo4j $(sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' pom.xml)"
