#!/usr/bin/env bash
# The hostile-input suite (issue 14): every server and processes test tagged @Tag("hostile") — hostile rasters, XML,
# references, WMS parameters, crash recovery, publishing, access — run on its own, counted from the surefire reports.
# Usage: server/src/test/scripts/hostile.sh [extra maven args, e.g. -o]
set -euo pipefail
cd "$(dirname "$0")/../../../.."
# the server and the modules it builds on (processes): hostile tests may live in either
rm -rf server/target/surefire-reports processes/target/surefire-reports
status=0
./mvnw -B "$@" -pl server -am test -Dgroups=hostile -Dsurefire.failIfNoSpecifiedTests=false || status=$?
tests=0; failures=0; errors=0; skipped=0
for f in server/target/surefire-reports/TEST-*.xml processes/target/surefire-reports/TEST-*.xml; do
  [ -e "$f" ] || continue
  line=$(grep -m1 -o '<testsuite [^>]*>' "$f")
  get() { echo "$line" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  tests=$((tests + $(get tests))); failures=$((failures + $(get failures)))
  errors=$((errors + $(get errors))); skipped=$((skipped + $(get skipped)))
done
passed=$((tests - failures - errors - skipped))
echo "hostile tests: $passed passed, $((failures + errors)) failed, $skipped skipped"
if [ "$tests" -eq 0 ] || [ $((failures + errors)) -gt 0 ]; then status=1; fi
exit $status
