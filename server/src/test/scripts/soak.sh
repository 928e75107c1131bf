#!/usr/bin/env bash
# Soak benchmark (issue 14): the embedded server alone in a JVM with -Xmx1g, 16 clients of mixed WMS + WPS load
# for 60 s from another JVM; prints requests, latency, errors and the server's RSS (sampled every second).
# Usage: server/src/test/scripts/soak.sh [seconds, default 60] [clients, default 16] [layer size, default 3000]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../../.." && pwd)"
cd "$ROOT"
SECONDS_=${1:-60}; CLIENTS=${2:-16}; SIZE=${3:-3000}
CPF="$(mktemp)"; LOG="$(mktemp)"
"$ROOT/mvnw" -B -q ${MVN_OFFLINE:-} -pl server -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$CPF" >/dev/null
CP="server/target/test-classes:server/target/classes:$(cat "$CPF")"
java -Xmx1g -XX:+UnlockDiagnosticVMOptions -XX:GCLockerRetryAllocationCount=100 -XX:G1HeapRegionSize=4m \
  -Djava.awt.headless=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$CP" org.esvflow.server.bench.SoakServer "$SIZE" >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -f "$CPF" "$LOG"' EXIT
for _ in $(seq 1 600); do grep -q '^READY ' "$LOG" && break; kill -0 $SERVER || { cat "$LOG"; exit 1; }; sleep 0.5; done
read -r _ URL PID < <(grep '^READY ' "$LOG")
echo "soak: server $URL (pid $PID, -Xmx1g), layers ${SIZE}² published"
status=0
java -Xmx512m -Djava.awt.headless=true -cp "$CP" org.esvflow.server.bench.SoakBenchmark "$URL" "$PID" "$SECONDS_" "$CLIENTS" "$SIZE" \
  || status=$?
exit $status
