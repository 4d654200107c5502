#!/usr/bin/env bash
# Checks the API as its consumers meet it: the OpenAPI document passes `redocly lint` (recommended
# rules), and the mini-program client (clients/miniprogram) type-checks with tsc --strict against
# types generated from that document by openapi-typescript. The document is the one the functions
# generate (the test TheServedOpenApiDocumentIsTheOneTheFunctionsGenerate fails when it is stale),
# so a contract change that breaks the mini-program fails here.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=node_modules/.bin
if [ ! -x $bin/redocly ] || [ ! -x $bin/openapi-typescript ] || [ ! -x $bin/tsc ]; then
  echo "client: installing the pinned npm tools (npm ci)..." >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
doc=functions/ParkFinder.Functions/Hosting/openapi.json
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
echo "client: redocly lint $doc (recommended rules)" >&2
$bin/redocly lint "$doc" --extends recommended --format stylish >&2
echo "client: generating clients/miniprogram/src/generated/api.ts and type-checking the client (tsc --strict)" >&2
$bin/openapi-typescript "$doc" -o clients/miniprogram/src/generated/api.ts >&2
$bin/tsc -p clients/miniprogram/tsconfig.json
echo "client: the OpenAPI document lints clean and the mini-program client type-checks" >&2
