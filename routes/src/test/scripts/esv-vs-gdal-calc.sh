#!/usr/bin/env sh
# ESV of one land-use raster from the command line, side by side with GDAL's gdal_calc.py (Debian python3-gdal) on
# the same file: an N x N byte CLCD GeoTIFF (30 m, EPSG:32650, nodata 255) -> tiled, deflate float32 ESV per pixel.
#   esvflow:   esvflow run esv:Value landUse=lu.tif standardEquivalent=3406.5 --outputs esv   (heap -Xmx1g)
#   gdal_calc: ESV = 0.09 ha x VC[class], VC read from esvflow's byClass table, nodata -9999
# Alternates ROUNDS (default 3) timed runs of each; prints every round's wall and CPU times, esvflow's peak RSS, the
# wall ratio and the load, then the medians (goal <= 0.5), and checks that both rasters agree.
# Usage (from the repository root, after ./mvnw -DskipTests package): routes/src/test/scripts/esv-vs-gdal-calc.sh [N] [DIR]
set -e
n=${1:-10000}
dir=${2:-target/esv-vs-gdal}
root=$(cd "$(dirname "$0")/../../../.." && pwd)
py=/usr/bin/python3
command -v gdal_calc.py >/dev/null || { echo "gdal_calc.py not found (apt-get install python3-gdal gdal-bin)"; exit 2; }
mkdir -p "$dir"
lu="$dir/lu_$n.tif"
if [ ! -f "$lu" ]; then
  # blocky CLCD classes 1-9 with per-pixel noise and a 64-pixel nodata strip on the left (as EsvBenchmark)
  "$py" - "$lu" "$n" <<'PY'
import sys
import numpy as np
from osgeo import gdal, osr
path, n = sys.argv[1], int(sys.argv[2])
ds = gdal.GetDriverByName("GTiff").Create(path, n, n, 1, gdal.GDT_Byte, ["TILED=YES", "COMPRESS=DEFLATE"])
ds.SetGeoTransform((400000, 30, 0, 4500000, 0, -30))
srs = osr.SpatialReference(); srs.ImportFromEPSG(32650); ds.SetProjection(srs.ExportToWkt())
band = ds.GetRasterBand(1); band.SetNoDataValue(255)
x = np.arange(n)
for y0 in range(0, n, 512):
    y = np.arange(y0, min(n, y0 + 512))[:, None]
    lu = ((x // 61) * 7 + (y // 43) * 3 + ((x ^ y) & 3)) % 9 + 1
    lu = np.where(x < 64, 255, lu).astype(np.uint8)
    band.WriteArray(lu, 0, y0)
ds = None
PY
fi
export ESVFLOW_JAVA_OPTS="-Xmx1g"
# VC per class (currency per ha per year) from esvflow's byClass table of a 9-pixel raster holding classes 1-9,
# as a numpy lookup for gdal_calc (untimed)
"$py" - "$dir/classes.tif" <<'PY'
import sys
import numpy as np
from osgeo import gdal, osr
ds = gdal.GetDriverByName("GTiff").Create(sys.argv[1], 9, 1, 1, gdal.GDT_Byte)
ds.SetGeoTransform((400000, 30, 0, 4500000, 0, -30))
srs = osr.SpatialReference(); srs.ImportFromEPSG(32650); ds.SetProjection(srs.ExportToWkt())
ds.GetRasterBand(1).SetNoDataValue(255); ds.GetRasterBand(1).WriteArray(np.arange(1, 10, dtype=np.uint8)[None, :]); ds = None
PY
"$root/esvflow" run esv:Value landUse="$dir/classes.tif" standardEquivalent=3406.5 --outputs byClass \
    --out "$dir/classes" --quiet >/dev/null
lookup=$("$py" -c "
import csv, sys
vc = [0.0] * 10
for r in csv.DictReader(open(sys.argv[1])): vc[int(r['code'])] = float(r['vc_per_ha'])
print(','.join(repr(v) for v in vc))" "$dir/classes/byClass.csv")
# alternating rounds (the untimed run above is esvflow's first after a build: it made the class-data archive)
rounds=${ROUNDS:-3}
: > "$dir/times.txt"
i=1
while [ "$i" -le "$rounds" ]; do
  rm -rf "$dir/esvflow"
  /usr/bin/time -f "%e %M %U %S" -o "$dir/java.txt" "$root/esvflow" run esv:Value landUse="$lu" standardEquivalent=3406.5 \
      --outputs esv --out "$dir/esvflow" --quiet >/dev/null
  rm -f "$dir/esv_gdal.tif"
  /usr/bin/time -f "%e %U %S" -o "$dir/gdal.txt" gdal_calc.py --quiet -A "$lu" --outfile="$dir/esv_gdal.tif" --type=Float32 \
      --NoDataValue=-9999 --co=TILED=YES --co=COMPRESS=DEFLATE --calc="0.09 * take(array([$lookup]), minimum(A, 9))"
  read -r java rss juser jsys < "$dir/java.txt"
  read -r gdal guser gsys < "$dir/gdal.txt"
  echo "round $i: esvflow ${java} s wall, $(echo "$juser + $jsys" | bc) s CPU, peak RSS $((rss / 1024)) MB;" \
       "gdal_calc.py ${gdal} s wall, $(echo "$guser + $gsys" | bc) s CPU; wall ratio $(echo "scale=2; $java / $gdal" | bc)," \
       "load $(cut -d' ' -f1 /proc/loadavg)"
  echo "$java $gdal" >> "$dir/times.txt"
  i=$((i + 1))
done
"$py" - "$dir/esvflow/esv.tif" "$dir/esv_gdal.tif" <<'PY'
import sys
import numpy as np
from osgeo import gdal
ds = [gdal.Open(p) for p in sys.argv[1:3]]  # keep the datasets alive while their bands are read
a, b = (d.GetRasterBand(1) for d in ds)
worst = 0.0
for y in range(0, a.YSize, 1024):
    rows = min(1024, a.YSize - y)
    u, v = a.ReadAsArray(0, y, a.XSize, rows), b.ReadAsArray(0, y, b.XSize, rows)
    worst = max(worst, float(np.max(np.abs(u - v) / np.maximum(1, np.abs(v)))))
print("largest relative difference esvflow vs gdal_calc: %.2e" % worst)
PY
sort -n "$dir/times.txt" | awk '{j[NR]=$1} END {m=int((NR+1)/2); printf "median esvflow wall: %s s\n", j[m]}'
awk '{print $2}' "$dir/times.txt" | sort -n | awk '{g[NR]=$1} END {m=int((NR+1)/2); printf "median gdal_calc.py wall: %s s\n", g[m]}'
awk '{print $1 / $2}' "$dir/times.txt" | sort -n | awk '{r[NR]=$1} END {m=int((NR+1)/2); printf "median ratio esvflow / gdal_calc: %.2f (goal <= 0.5)\n", r[m]}'
