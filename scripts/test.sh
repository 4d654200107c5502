#!/usr/bin/env bash
# Runs every test. The tests start their own in-memory Azurite on free ports (tests/ParkFinder.Tests/Infrastructure/Azurite.cs).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/azurite ] || [ ! -x node_modules/.bin/tsc ] || [ ! -x node_modules/.bin/redocly ]; then
  echo "test: installing Azurite and the API tools from package-lock.json (npm ci)..." >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "test: building (the first build restores packages and takes a minute or two)..." >&2
dotnet build ParkFinder.sln -c Release -v q -nologo -clp:ErrorsOnly
echo "test: running the tests (under a minute on two cores; each test prints as it finishes)..." >&2
log=$(mktemp)
set +e
dotnet test ParkFinder.sln -c Release --no-build --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" \
  | grep -E --line-buffered "^\s+(Passed|Failed|Skipped) [A-Z]|Error Message|^Total tests|^\s+(Passed|Failed|Skipped): "
status=${PIPESTATUS[0]}
set -e
# One plain closing line for CI: "N passed, N failed" (from the summary: "Passed: N", "Failed: N").
passed=$( (grep -oE '^\s+Passed: +[0-9]+' "$log" || true) | awk '{s+=$2} END {print s+0}')
failed=$( (grep -oE '^\s+Failed: +[0-9]+' "$log" || true) | awk '{s+=$2} END {print s+0}')
[ "$status" -eq 0 ] || { grep -A20 -E "^\s+Failed [A-Z]" "$log" || true; } | head -200 >&2
rm -f "$log"
# The contract as consumers meet it: the OpenAPI lint and the mini-program client's type-check.
if scripts/client.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
echo "tests: $passed passed, $failed failed"
exit "$status"
