#!/usr/bin/env bash
# Runs ParkFinder locally: Azurite on disk, the demo parks loaded, the functions in the local host on
# http://127.0.0.1:7071 (pass --urls to change it). The demo catalog goes into empty tables only, so a
# restart keeps what you changed; --reset-demo imports it again (the demo parks and their units as shipped).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/azurite ]; then
  echo "run: installing Azurite from package-lock.json (npm ci)..." >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
pid=$(scripts/azurite.sh)
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; }
trap cleanup EXIT
export DemoData__Load=true
args=()
for arg in "$@"; do
  if [ "$arg" = "--reset-demo" ]; then export DemoData__Reset=true; else args+=("$arg"); fi
done
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
echo "run: building and starting the local host (the first build takes a minute); Ctrl+C stops it" >&2
echo "run: ready when it logs 'Demo ready'; then try: curl http://127.0.0.1:7071/api/health" >&2
dotnet run --project functions/ParkFinder.LocalHost -c Release -- "${args[@]}"
