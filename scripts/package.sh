#!/usr/bin/env bash
# Builds the deployable Azure Functions package (isolated worker) the way `azd deploy` does:
#   scripts/package.sh [output-dir]     (default artifacts/functionapp; also writes <output-dir>.zip)
# The folder holds the published worker with host.json, worker.config.json and the Worker SDK's
# functions.metadata (every HTTP function and each job's timer).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-artifacts/functionapp}")
rm -rf "$out" "$out.zip"
echo "package: publishing functions/ParkFinder.Functions (Release) to $out" >&2
dotnet publish functions/ParkFinder.Functions -c Release -o "$out" -v q -nologo -p:WarningsNotAsErrors=NU1603 >&2
for f in host.json worker.config.json functions.metadata; do
  [ -f "$out/$f" ] || { echo "package: $f is missing from the published output" >&2; exit 1; }
done
(cd "$out" && python3 -m zipfile -c "$out.zip" $(ls -A))
functions=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$out/functions.metadata")
echo "package: $out ($functions functions) and $out.zip" >&2
