#!/usr/bin/env bash
# Drives the embedded OGC server with clients nobody here wrote: OWSLib (WPS async execute + poll, WMS GetMap
# decoded and checked for the expected colours) and GDAL (WMS driver fetching a map, gdalinfo on a WCS download).
# Needs Debian's python3-owslib and gdal-bin. Run from the repository root after `./mvnw -pl server -am test-compile`
# (the script compiles if needed). Exits non-zero on any failure.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../../.." && pwd)"
cd "$ROOT"
MVN="${MVN:-$ROOT/mvnw}"
[ -x "$MVN" ] || MVN=mvn
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# one reactor build: compiles both modules and writes the server's test classpath (processes as target/classes)
"$MVN" -B -q -pl server -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/cp.txt" >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
CP="server/target/test-classes:server/target/classes:$(cat "$WORK/cp.txt")"

java -Xmx1g -Djava.awt.headless=true -cp "$CP" org.esvflow.server.testing.DemoServer >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
for _ in $(seq 1 120); do
  grep -q '^READY ' "$WORK/server.out" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.err"; echo "server died"; exit 1; }
  sleep 0.5
done
BASE="$(sed -n 's/^READY //p' "$WORK/server.out")"
[ -n "$BASE" ] || { echo "server did not start"; exit 1; }
echo "server at $BASE"

/usr/bin/python3 "$ROOT/server/src/test/scripts/ogc_clients.py" "$BASE"

# GDAL's WMS driver: a service description, fetched into a GeoTIFF, one pixel per quadrant checked
cat >"$WORK/wms.xml" <<XML
<GDAL_WMS>
  <Service name="WMS">
    <Version>1.1.1</Version>
    <ServerUrl>$BASE/wms?</ServerUrl>
    <SRS>EPSG:32650</SRS>
    <ImageFormat>image/png</ImageFormat>
    <Transparent>TRUE</Transparent>
    <Layers>demo:landuse</Layers>
  </Service>
  <DataWindow>
    <UpperLeftX>500000</UpperLeftX><UpperLeftY>4000000</UpperLeftY>
    <LowerRightX>503000</LowerRightX><LowerRightY>3997000</LowerRightY>
    <SizeX>100</SizeX><SizeY>100</SizeY>
  </DataWindow>
  <BandsCount>4</BandsCount>
  <BlockSizeX>100</BlockSizeX><BlockSizeY>100</BlockSizeY>
</GDAL_WMS>
XML
gdal_translate -q "$WORK/wms.xml" "$WORK/wms.tif"
pixel() { gdallocationinfo -valonly "$WORK/wms.tif" "$1" "$2" | tr '\n' ' ' | sed 's/ $//'; }
check() { [ "$1" = "$2" ] || { echo "GDAL WMS pixel: expected '$2', got '$1'"; exit 1; }; }
check "$(pixel 10 10)" "250 227 157 255"   # cropland #fae39d
check "$(pixel 90 10)" "68 111 51 255"     # forest   #446f33
check "$(pixel 10 90)" "30 105 180 255"    # water    #1e69b4
check "$(pixel 90 90)" "226 66 144 255"    # impervious #e24290
echo "GDAL WMS driver: 4 quadrant colours OK"

# WCS 2.0.1 GetCoverage downloaded and read by gdalinfo
curl -sf -o "$WORK/wcs.tif" "$BASE/wcs?service=WCS&version=2.0.1&request=GetCoverage&coverageId=demo__esv&subset=E(501500,503000)&subset=N(3997000,3998500)&subset=time(%222019%22)&format=image/tiff"
gdalinfo "$WORK/wcs.tif" >"$WORK/gdalinfo.txt"
grep -q "Size is 50, 50" "$WORK/gdalinfo.txt" || { cat "$WORK/gdalinfo.txt"; echo "WCS: wrong size"; exit 1; }
grep -q 'ID\["EPSG",32650\]' "$WORK/gdalinfo.txt" || { cat "$WORK/gdalinfo.txt"; echo "WCS: wrong CRS"; exit 1; }
grep -q "NoData Value=-9999" "$WORK/gdalinfo.txt" || { cat "$WORK/gdalinfo.txt"; echo "WCS: nodata missing"; exit 1; }
grep -q "Origin = (501500.000000000000000,3998500.000000000000000)" "$WORK/gdalinfo.txt" || { cat "$WORK/gdalinfo.txt"; echo "WCS: wrong origin"; exit 1; }
check "$(gdallocationinfo -valonly "$WORK/wcs.tif" 25 25)" "60000"
echo "GDAL gdalinfo on WCS GeoTIFF: size, CRS, origin, nodata and value OK"
echo "ogc-clients: 4 passed, 0 failed"
