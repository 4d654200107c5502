#!/usr/bin/env bash
# Builds the deployable Azure Functions package (custom handler):
#   scripts/package.sh [output-dir]     (default artifacts/functionapp; also writes <output-dir>.zip)
# The folder holds host.json, one folder per function with its generated function.json, and the
# app published self-contained for linux-x64 under app/ (host.json starts app/ParkFinder.Functions).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-artifacts/functionapp}")
rm -rf "$out" "$out.zip"
mkdir -p "$out"
dotnet publish functions/ParkFinder.Functions -c Release -r linux-x64 --self-contained true -o "$out/app" -v q -nologo >&2
# function.json files come from the app's own endpoint and timer definitions, never by hand.
"$out/app/ParkFinder.Functions" --write-functions "$out"
cp host.json "$out/"
(cd "$out" && python3 -m zipfile -c "$out.zip" $(ls -A))
echo "$out ($(ls -d "$out"/*/ | grep -vc '/app/$') functions) and $out.zip" >&2
