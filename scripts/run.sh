#!/usr/bin/env bash
# Runs ParkFinder locally: Azurite on disk, the demo parks loaded, the API on http://127.0.0.1:7071.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error
pid=$(scripts/azurite.sh)
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; }
trap cleanup EXIT
export DemoData__Load=true
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
dotnet run --project functions/ParkFinder.LocalHost -c Release -- "$@"
