#!/usr/bin/env bash
# The QGIS plugin and study.qgs with real QGIS, headless: writes the small demo, starts `esvflow serve` on a free
# loopback port (as server/src/test/scripts/ogc-clients.sh starts its server), runs the demo study against it, then
# test_qgis_plugin.py with Debian's python3-qgis (QT_QPA_PLATFORM=offscreen). Skips with a message, exit 0, when QGIS
# is not installed. Run from anywhere after `./mvnw -DskipTests package` (the launcher builds if needed).
#   qgis-plugin/test/qgis-tests.sh [SCREENSHOT.png]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
PY="${QGIS_PYTHON:-/usr/bin/python3}"  # Debian's python3 has python3-qgis
export QT_QPA_PLATFORM=offscreen
if ! "$PY" -c "import qgis.core" >/dev/null 2>&1; then
  echo "qgis-tests: SKIPPED: QGIS is not installed (Debian: apt-get install python3-qgis qgis-providers)"
  exit 0
fi
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

./mvnw -B -q -pl qgis-plugin package   # the zip of the current sources
PORT="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT/ows"
./esvflow demo-data --out "$WORK/demo" --size small >"$WORK/demo.log" 2>&1 || { cat "$WORK/demo.log"; exit 1; }
cp -r geoserver-data "$WORK/geoserver-data"
# the study's own file server (another loopback port) hands the server its inputs by URL
ESVFLOW_JAVA_OPTS=-Xmx2g ./esvflow serve --host 127.0.0.1 --port "$PORT" \
  --data-dir "$WORK/geoserver-data" --allow-remote "http://127.0.0.1:" >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
for _ in $(seq 1 120); do
  grep -q "esvflow serving" "$WORK/server.out" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.err"; echo "server died"; exit 1; }
  sleep 0.5
done
grep -q "esvflow serving" "$WORK/server.out" || { cat "$WORK/server.err"; echo "server did not start"; exit 1; }
echo "server at $BASE"
./esvflow study run "$WORK/demo/study.yaml" --out "$WORK/output" --wps "$BASE" >"$WORK/study.log" 2>&1 \
  || { tail -30 "$WORK/study.log"; exit 1; }
grep -q " 0 failed" "$WORK/study.log" || { grep -v INFO "$WORK/study.log" | tail -30; echo "study steps failed"; exit 1; }
[ -f "$WORK/output/study.qgs" ] || { echo "study run wrote no study.qgs"; exit 1; }

args=(--server "$BASE" --esvflow "$ROOT/esvflow" --demo "$WORK/demo" --study "$WORK/output")
[ $# -gt 0 ] && args+=(--screenshot "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")")
"$PY" "$ROOT/qgis-plugin/test/test_qgis_plugin.py" "${args[@]}"
