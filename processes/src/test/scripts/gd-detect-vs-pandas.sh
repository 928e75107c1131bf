#!/bin/sh
# gd:Detect (DetectCsvBenchmark: CSV -> every output file) against the pandas groupby baseline on the same CSV, in
# alternating rounds, each timed by /usr/bin/time (wall, user + sys CPU, peak RSS); medians at the end.
# usage: processes/src/test/scripts/gd-detect-vs-pandas.sh DIR [ROUNDS]   (from the repository root, after
#   ./mvnw -B -o -q -pl processes test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt)
# JVM flags: a short-lived command-line profile within 512 MB: C1 only (C2 compiles the same hot loops later and at
# more CPU than it saves in a run of about a second: medians 1.7 s CPU against 1.2 s with full tiered compilation,
# 2026-12-06),
# serial GC with a young generation that holds the columns (no collection in the run; the CSV reader, the detectors
# and the charts use every core through org.esvflow.raster.Parallel either way). Debian's /usr/bin/python3 with
# python3-pandas and python3-scipy. A second Java row, java-cds, runs the same classes from one jar with a
# class-data-sharing archive made by an untimed run (as the esvflow launcher makes its archive on its first `run`;
# dynamic archives take classes from jars only) and higher C1 thresholds, so fewer cold methods are compiled.
# BASE=DIR (optional): a row "base" runs the same java command from another checkout's build (for example
# `git archive main | tar -x -C DIR`, then the build command above in DIR), in the same rounds: the change alone.
set -e
dir=${1:?usage: $0 DIR [ROUNDS]}
rounds=${2:-5}
mkdir -p "$dir"
cp="processes/target/classes:processes/target/test-classes:$(cat processes/target/cp.txt)"
jvm="-Xmx400m -Xmn240m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
# the CSV once (N = 1 000 000, seed 20261204), outside the timing
[ -f "$dir/samples.csv" ] || java -cp "$cp" org.esvflow.gd.bench.DetectCsvBenchmark "$dir/samples.csv" "$dir/java" >/dev/null
jar cf "$dir/esvflow-classes.jar" -C processes/target/classes . -C processes/target/test-classes .
cds_cp="$dir/esvflow-classes.jar:$(cat processes/target/cp.txt)"
cds_jvm="$jvm -XX:Tier3InvocationThreshold=1000 -XX:Tier3MinInvocationThreshold=500 -XX:Tier3CompileThreshold=5000"
rm -f "$dir/esvflow.jsa"
java $cds_jvm -XX:ArchiveClassesAtExit="$dir/esvflow.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$cds_cp" \
  org.esvflow.gd.bench.DetectCsvBenchmark "$dir/samples.csv" "$dir/java" >/dev/null
cds_jvm="$cds_jvm -XX:SharedArchiveFile=$dir/esvflow.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
: > "$dir/times.txt"
i=1
while [ "$i" -le "$rounds" ]; do
  uptime
  if [ -n "$BASE" ]; then
    /usr/bin/time -a -o "$dir/times.txt" -f "base %e %U %S %M" java $jvm \
      -cp "$BASE/processes/target/classes:$BASE/processes/target/test-classes:$(cat "$BASE/processes/target/cp.txt")" \
      org.esvflow.gd.bench.DetectCsvBenchmark "$dir/samples.csv" "$dir/base"
    tail -n 1 "$dir/times.txt"
  fi
  /usr/bin/time -a -o "$dir/times.txt" -f "java %e %U %S %M" \
    java $jvm -cp "$cp" org.esvflow.gd.bench.DetectCsvBenchmark "$dir/samples.csv" "$dir/java"
  tail -n 1 "$dir/times.txt"
  /usr/bin/time -a -o "$dir/times.txt" -f "java-cds %e %U %S %M" \
    java $cds_jvm -cp "$cds_cp" org.esvflow.gd.bench.DetectCsvBenchmark "$dir/samples.csv" "$dir/java-cds"
  tail -n 1 "$dir/times.txt"
  /usr/bin/time -a -o "$dir/times.txt" -f "pandas %e %U %S %M" \
    /usr/bin/python3 -W ignore processes/src/test/scripts/gd_pandas_baseline.py "$dir/samples.csv" "$dir/py"
  tail -n 1 "$dir/times.txt"
  i=$((i + 1))
done
# medians of wall and CPU (user + sys), largest peak RSS, ratios pandas / java of the medians
awk '
  { k = $1; n[k]++; wall[k, n[k]] = $2; cpu[k, n[k]] = $3 + $4; if ($5 > rss[k]) rss[k] = $5 }
  function median(a, k, m,   i, j, t, v) {
    for (i = 1; i <= m; i++) v[i] = a[k, i]
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
  }
  END {
    for (k in n) {
      w[k] = median(wall, k, n[k]); c[k] = median(cpu, k, n[k])
      printf "%-8s median wall %.2f s, median CPU %.2f s, peak RSS %d MB (%d rounds)\n", k, w[k], c[k], rss[k] / 1024, n[k]
    }
    for (k in n) if (k != "pandas") printf "ratio pandas / %s: wall %.1fx, CPU %.1fx\n", k, w["pandas"] / w[k], c["pandas"] / c[k]
  }' "$dir/times.txt"
