#!/usr/bin/env bash
# Before and after in one run: the cache-off HTTP load on two builds of the local host, alternated.
#   scripts/bench-pairs.sh <before-rev> [rounds] [seconds] [connections]
# Builds <before-rev> in a worktree under /tmp (removed at the end), and this checkout; loads the full catalog's image into
# one in-memory Azurite; then, per round, starts each build in turn and measures it with this
# checkout's load client (CLIENT=wrk: with wrk). The machine is noisy: only pairs compare.
set -euo pipefail
cd "$(dirname "$0")/.."
before=$1; rounds=${2:-3}; seconds=${3:-20}; connections=${4:-64}
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error
sha=$(git rev-parse --verify "$before^{commit}")
worktree=/tmp/parkfinder-before-$sha
[ -d "$worktree" ] || git worktree add -f "$worktree" "$sha" -q
app=""; azurite=""
trap 'kill $app $azurite 2>/dev/null || true; git worktree remove --force "$worktree" 2>/dev/null || true' EXIT
for dir in "$worktree" .; do
  dotnet build -c Release "$dir/ParkFinder.sln" -v q -nologo > /tmp/parkfinder-pairs-build.log 2>&1 || { grep -E " error " /tmp/parkfinder-pairs-build.log; exit 1; }
done
bench="dotnet tests/ParkFinder.Benchmarks/bin/Release/net10.0/ParkFinder.Benchmarks.dll"

account=devstoreaccount1
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==" # Azurite's published development key
conn="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:21000/$account;TableEndpoint=http://127.0.0.1:21002/$account;"
node_modules/.bin/azurite --inMemoryPersistence --silent --disableTelemetry --skipApiVersionCheck \
  --blobPort 21000 --queuePort 21001 --tablePort 21002 > /tmp/parkfinder-pairs-azurite.log 2>&1 &
azurite=$!
sleep 2
$bench snapshot "$conn" full 50000 500000 > /dev/null
[ "${CLIENT:-}" = wrk ] && $bench wrk-script /tmp/parkfinder-pairs-mix.lua

for round in $(seq 1 "$rounds"); do
  for side in before after; do
    dir=.; [ $side = before ] && dir=$worktree
    log=/tmp/parkfinder-pairs-$side.log
    Auth__SigningKey="bench-signing-key-$(date +%s)-0123456789abcdef" WeChat__AppId=wx-bench WeChat__AppSecret=bench \
    Storage__ConnectionString="$conn" Storage__TablePrefix=full Auth__AdminApiKey="bench-admin-key-0123456789" \
    ASPNETCORE_URLS=http://127.0.0.1:7080 Search__RefreshSeconds=3600 Search__ResponseCacheEntries=0 \
      dotnet "$dir/functions/ParkFinder.LocalHost/bin/Release/net10.0/ParkFinder.LocalHost.dll" > "$log" 2>&1 &
    app=$!
    ready=""
    for _ in $(seq 1 3000); do curl -sf "http://127.0.0.1:7080/api/parks?limit=1" >/dev/null && ready=1 && break; sleep 0.1; done
    [ -n "$ready" ] || { echo "$side did not become ready (log: $log)" >&2; exit 1; }
    # A build other than the image's rebuilds from the image's catalog and writes its own image, which
    # takes seconds of one core: measured after that.
    ready=""
    for _ in $(seq 1 1200); do grep -qE "Index image written|rebuilt from its image" "$log" && ready=1 && break; sleep 0.1; done
    [ -n "$ready" ] || { echo "$side: no image written within 2 minutes (log: $log)" >&2; exit 1; }
    $bench load http://127.0.0.1:7080 5 "$connections" > /dev/null # warm-up
    if [ "${CLIENT:-}" = wrk ]; then
      echo "$round $side: $(wrk -t2 -c"$connections" -d"${seconds}s" --latency -s /tmp/parkfinder-pairs-mix.lua http://127.0.0.1:7080 \
        | grep -E 'Requests/sec| 99%' | tr -s ' \n' ' ')"
    else
      echo "$round $side: $($bench load http://127.0.0.1:7080 "$seconds" "$connections" | grep throughput)"
    fi
    kill $app 2>/dev/null || true; wait $app 2>/dev/null || true
  done
done
