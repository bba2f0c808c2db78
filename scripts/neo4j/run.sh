#!/usr/bin/env bash
# Starts a Neo4j 5.26 LTS test server (Community, in-process harness) in the
# foreground: Bolt on a random 127.0.0.1 port, auth off, temporary data.
# Prints `NEO4J_URI=bolt://127.0.0.1:PORT` on stdout once it accepts connections;
# stops on SIGTERM / Ctrl-C. Extra arguments go to the launcher
# (`--stop-on-stdin-close`).
#
#   npm run neo4j
#   NEO4J_PAGECACHE=512m NEO4J_HEAP=2g npm run neo4j     # bigger data sets
#
# The first run downloads ~200 MB of artifacts into ~/.m2 (reused afterwards);
# later runs build offline and start in a few seconds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

target="$here/target"
cpfile="$target/classpath.txt"
stamp="$target/.built"

needs_build() {
  [[ ! -f "$cpfile" || ! -f "$stamp" ]] && return 0
  [[ "$here/pom.xml" -nt "$stamp" ]] && return 0
  [[ -n "$(find "$here/src" -newer "$stamp" -type f -print -quit)" ]] && return 0
  return 1
}

build() {
  local goals=(-q -B compile dependency:build-classpath "-Dmdep.outputFile=$cpfile")
  # Offline first (fast, no network when ~/.m2 is warm), online as a fallback.
  if ! mvn -o "${goals[@]}" >"$target/build.log" 2>&1; then
    echo "neo4j-test-server: building (downloading artifacts into ~/.m2 if needed)…" >&2
    if ! mvn "${goals[@]}" >"$target/build.log" 2>&1; then
      cat "$target/build.log" >&2
      echo "neo4j-test-server: Maven build failed (log above)" >&2
      exit 1
    fi
  fi
  touch "$stamp"
}

if needs_build; then
  mkdir -p "$target"
  build
fi

# Modest heap: the machines are shared with the test runs.
heap="${NEO4J_HEAP:-1g}"
exec java \
  -Xms256m "-Xmx$heap" -XX:+UseG1GC \
  --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens=java.base/java.lang=ALL-UNNAMED \
  -Dlog4j2.disable.jmx=true \
  -cp "$target/classes:$(cat "$cpfile")" \
  chainatlas.Neo4jTestServer "$@"
