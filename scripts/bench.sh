#!/usr/bin/env bash
# Reproduces the figures in BENCHMARKS.md (about 20 minutes; not part of the test suite).
#   scripts/bench.sh [import-parks] [import-units] [full-parks] [full-units] [load-seconds] [connections]
# 1. In-process: search at full size (50,000 parks / 500,000 units), the trend computation
#    (1,000,000 leases), the alert job's matching (10,000 saved searches x 1,000 events), and the search
#    box (reading a line, suggestions, relaxations).
# 2. In-memory Azurite on spare ports and the Release app against it; the import-size catalog
#    (default 5,000 / 50,000) goes in through the admin API; HTTP load from this separate process;
#    the same query set answered by querying Table Storage per request, and in-process at that size.
# 3. The app restarted on the full-size catalog, fed through its cold-start snapshot blob (Azurite
#    cannot take 550,000 entities in reasonable time: Azure/Azurite#2321), and the HTTP load again.
# STORAGE_ONLY=1: just the storage-bound figures (import, trend job end to end, snapshot write and
# cold start), without the search and load stages: the before/after comparison of a storage change.
set -euo pipefail
cd "$(dirname "$0")/.."
iparks=${1:-5000}; iunits=${2:-50000}; fparks=${3:-50000}; funits=${4:-500000}; seconds=${5:-30}; connections=${6:-64}
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error
dotnet build -c Release tests/ParkFinder.Benchmarks -v q -nologo | grep -E " error " && exit 1
bench="dotnet tests/ParkFinder.Benchmarks/bin/Release/net10.0/ParkFinder.Benchmarks.dll"
api="functions/ParkFinder.LocalHost/bin/Release/net10.0/ParkFinder.LocalHost.dll"

if [ "${SKIP_SEARCH:-}" != 1 ]; then
  $bench search "$fparks" "$funits" 2000
  echo; $bench trends 1000000 5000
  echo; $bench alerts 10000 1000
  echo; $bench searchbox "$fparks" "$funits" 1000
  echo; $bench map "$fparks" "$funits" 1000
fi

account=devstoreaccount1
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==" # Azurite's published development key
conn="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:21000/$account;TableEndpoint=http://127.0.0.1:21002/$account;"
admin_key="bench-admin-key-$(date +%s)"
node_modules/.bin/azurite --inMemoryPersistence --silent --disableTelemetry --skipApiVersionCheck \
  --blobPort 21000 --queuePort 21001 --tablePort 21002 > /tmp/parkfinder-bench-azurite.log 2>&1 &
azurite=$!
for _ in $(seq 1 100); do curl -s -o /dev/null http://127.0.0.1:21002/ && curl -s -o /dev/null http://127.0.0.1:21000/ && break; sleep 0.2; done
app=""""
trap 'kill $app $azurite 2>/dev/null || true' EXIT

start_app() { # $1 = table prefix
  Auth__SigningKey="bench-signing-key-$(date +%s)-0123456789abcdef" WeChat__AppId=wx-bench WeChat__AppSecret=bench \
  Storage__ConnectionString="$conn" Storage__TablePrefix="$1" Auth__AdminApiKey="$admin_key" ASPNETCORE_URLS=http://127.0.0.1:7080 \
 Search__RefreshSeconds=3600 Search__ResponseCacheEntries="${2:-2048}" dotnet "$api" > "/tmp/parkfinder-bench-app-$1.log" 2>&1 &
  app=$!
  for _ in $(seq 1 3000); do # polled every 0.1 s: the cold start's figure is read to that
    curl -sf "http://127.0.0.1:7080/api/parks?limit=1" >/dev/null && return 0
    sleep 0.1
  done
  echo "app did not become ready" >&2; exit 1
}

if [ "${FULL_ONLY:-}" != 1 ] && [ "${LEASES_ONLY:-}" != 1 ]; then
echo; echo "## Import size: $iparks parks / $iunits units through the admin API"
start_app bench
$bench seed http://127.0.0.1:7080 "$admin_key" "$iparks" "$iunits"
if [ "${STORAGE_ONLY:-}" != 1 ]; then
echo; $bench load http://127.0.0.1:7080 "$seconds" "$connections"
echo; $bench naive "$conn" bench 3 60
echo; $bench search "$iparks" "$iunits" 200
fi
kill $app; wait $app 2>/dev/null || true
fi

if [ "${FULL_ONLY:-}" != 1 ]; then
echo
start_app leases
$bench leases "$conn" leases http://127.0.0.1:7080 "$admin_key" "${LEASE_FILES:-20}" "${LEASE_ROWS:-5000}"
kill $app; wait $app 2>/dev/null || true
fi
[ "${LEASES_ONLY:-}" = 1 ] && exit 0

echo; echo "## Full size: $fparks parks / $funits units from the cold-start snapshot"
$bench snapshot "$conn" full "$fparks" "$funits"
started=$(date +%s.%N)
start_app full 0
echo "app ready (snapshot loaded, index built) in $(echo "$(date +%s.%N) - $started" | bc) s"
grep -o '"Message":"Park index rebuilt[^"]*"' /tmp/parkfinder-bench-app-full.log | head -2
[ "${STORAGE_ONLY:-}" = 1 ] && exit 0
echo; echo "### Response cache off: every request searches"
$bench load http://127.0.0.1:7080 "$seconds" "$connections"
if command -v wrk >/dev/null; then # the same mix from a lighter client (apt-get install wrk), for comparison
  $bench wrk-script /tmp/parkfinder-bench-mix.lua
  echo "wrk, $connections connections, $seconds s: $(wrk -t2 -c"$connections" -d"$seconds"s --latency -s /tmp/parkfinder-bench-mix.lua http://127.0.0.1:7080 \
    | grep -E 'Requests/sec|^ +(50|99)%|Non-2xx' | tr -s ' ' | tr '\n' ';')"
fi
kill $app; wait $app 2>/dev/null || true
start_app full 2048
echo; echo "### Response cache on (the query set repeats, so nearly every request is a hit)"
$bench load http://127.0.0.1:7080 "$seconds" "$connections"
