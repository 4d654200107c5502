#!/usr/bin/env bash
# Checks the API as its consumers meet it: the OpenAPI document passes `redocly lint` (recommended
# rules), the mini-program client (clients/miniprogram: openapi-fetch over wx.request) type-checks
# with tsc --strict against types generated from that document by openapi-typescript, and its
# wx.request adapter works at run time (node --test: a fake wx.request against a local server).
# The document is the one the functions generate (the test
# TheServedOpenApiDocumentIsTheOneTheFunctionsGenerate fails when it is stale), so a contract change
# that breaks the mini-program fails here.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=node_modules/.bin
if [ ! -x $bin/redocly ] || [ ! -x $bin/openapi-typescript ] || [ ! -x $bin/tsc ] || [ ! -f node_modules/openapi-fetch/package.json ]; then
  echo "client: installing the pinned npm tools (npm ci)..." >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
doc=functions/ParkFinder.Functions/Hosting/openapi.json
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
echo "client: redocly lint $doc (recommended rules)" >&2
lint=$($bin/redocly lint "$doc" --extends recommended --format stylish 2>&1) || { echo "$lint" >&2; exit 1; }
echo "$lint" >&2
# Warnings fail too: the document is the mini-program's contract, kept at 0 errors and 0 warnings.
if echo "$lint" | grep -qE "You have [0-9]+ warning"; then echo "client: redocly warnings (above) must be fixed" >&2; exit 1; fi
echo "client: generating clients/miniprogram/src/generated/api.ts and type-checking the client (tsc --strict)" >&2
$bin/openapi-typescript "$doc" -o clients/miniprogram/src/generated/api.ts >&2
$bin/tsc -p clients/miniprogram/tsconfig.json
echo "client: the wx.request adapter at run time (node --test clients/miniprogram/test)" >&2
node --test --test-reporter=dot clients/miniprogram/test/adapter.test.mjs >&2
echo "client: the OpenAPI document lints clean, the mini-program client type-checks and its adapter works" >&2
