#!/usr/bin/env bash
# Reproduces the figures in BENCHMARKS.md (takes several minutes; not part of the test suite).
#   scripts/bench.sh [parks] [units] [load-seconds] [connections]
# 1. in-process search over the synthetic catalog; 2. an in-memory Azurite on spare ports, the app
# (Release) against it, the catalog imported through the admin API; 3. HTTP load from a separate
# process; 4. the same query set answered by querying Table Storage per request.
set -euo pipefail
cd "$(dirname "$0")/.."
parks=${1:-50000}; units=${2:-500000}; seconds=${3:-30}; connections=${4:-64}
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error
dotnet build -c Release tests/ParkFinder.Benchmarks -v q -nologo | grep -E "error|Warn" || true
bench="dotnet tests/ParkFinder.Benchmarks/bin/Release/net10.0/ParkFinder.Benchmarks.dll"

[ "${SKIP_SEARCH:-}" = 1 ] || $bench search "$parks" "$units" 2000

account=devstoreaccount1
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==" # Azurite's published development key
conn="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:21000/$account;TableEndpoint=http://127.0.0.1:21002/$account;"
admin_key="bench-admin-key-$(date +%s)"
node_modules/.bin/azurite --inMemoryPersistence --silent --disableTelemetry --skipApiVersionCheck \
  --blobPort 21000 --queuePort 21001 --tablePort 21002 > /tmp/parkfinder-bench-azurite.log 2>&1 &
azurite=$!
Auth__SigningKey="bench-signing-key-$(date +%s)-0123456789abcdef" WeChat__AppId=wx-bench WeChat__AppSecret=bench \
  Storage__ConnectionString="$conn" Storage__TablePrefix=bench Auth__AdminApiKey="$admin_key" ASPNETCORE_URLS=http://127.0.0.1:7080 \
  Search__RefreshSeconds=3600 dotnet functions/ParkFinder.Api/bin/Release/net10.0/ParkFinder.Api.dll > /tmp/parkfinder-bench-app.log 2>&1 &
app=$!
trap 'kill $app $azurite 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:7080/api/health >/dev/null && break; sleep 0.3; done

echo; echo "## Seeding through the admin API"
$bench seed http://127.0.0.1:7080 "$admin_key" "$parks" "$units"
echo; $bench load http://127.0.0.1:7080 "$seconds" "$connections"
echo; $bench naive "$conn" bench 3
