#!/bin/sh
# gd:Detect (DetectCsvBenchmark: CSV -> every output file) against the pandas groupby baseline on the same CSV, in
# alternating rounds, each timed by /usr/bin/time (wall, user + sys CPU, peak RSS).
# usage: processes/src/test/scripts/gd-detect-vs-pandas.sh DIR [ROUNDS]   (from the repository root, after
#   ./mvnw -B -o -q -pl processes test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt)
# JVM flags: a short-lived command-line profile (C1 only, serial GC, a young generation that holds the columns, so
# they are not copied) within 512 MB; Debian's /usr/bin/python3 with python3-pandas and python3-scipy.
set -e
dir=${1:?usage: $0 DIR [ROUNDS]}
rounds=${2:-3}
mkdir -p "$dir"
cp="processes/target/classes:processes/target/test-classes:$(cat processes/target/cp.txt)"
jvm="-Xmx400m -Xmn240m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
# the CSV once (N = 1 000 000, seed 20261204), outside the timing
[ -f "$dir/samples.csv" ] || java -cp "$cp" org.esvflow.gd.bench.DetectCsvBenchmark "$dir/samples.csv" "$dir/java" >/dev/null
i=1
while [ "$i" -le "$rounds" ]; do
  uptime
  /usr/bin/time -f "java   wall %e s, user %U s, sys %S s, peak RSS %M KB" \
    java $jvm -cp "$cp" org.esvflow.gd.bench.DetectCsvBenchmark "$dir/samples.csv" "$dir/java"
  /usr/bin/time -f "pandas wall %e s, user %U s, sys %S s, peak RSS %M KB" \
    /usr/bin/python3 -W ignore processes/src/test/scripts/gd_pandas_baseline.py "$dir/samples.csv" "$dir/py"
  i=$((i + 1))
done
