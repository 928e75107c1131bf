#!/usr/bin/env bash
# Load benchmark of the embedded OGC server: 32 concurrent WMS clients, then 20 concurrent async WPS Executes.
# Usage: server/src/test/scripts/bench.sh [raster size, default 8000] [seconds, default 60]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../../.." && pwd)"
cd "$ROOT"
MVN="${MVN:-$ROOT/mvnw}"
[ -x "$MVN" ] || MVN=mvn
CPF="$(mktemp)"
trap 'rm -f "$CPF"' EXIT
"$MVN" -B -q -pl server -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CPF" >/dev/null
exec java -Xmx2g -Djava.awt.headless=true -cp "server/target/test-classes:server/target/classes:$(cat "$CPF")" \
  org.esvflow.server.bench.LoadBenchmark "$@"
