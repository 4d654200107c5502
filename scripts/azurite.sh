#!/usr/bin/env bash
# Starts Azurite (from the repo's pinned npm install) on 127.0.0.1 and waits until it answers.
#   scripts/azurite.sh            on disk under .azurite/ (local runs keep their data)
#   scripts/azurite.sh --memory   in memory (nothing kept)
# Reuses an Azurite already listening on the default ports. Prints the PID it started, if any.
set -euo pipefail
cd "$(dirname "$0")/.."

answers() { curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$1/" ; }

if answers 10000 && answers 10002; then
  echo "azurite: already running on 127.0.0.1:10000/10002" >&2
  exit 0
fi

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error >&2

args=(--silent --disableTelemetry --skipApiVersionCheck --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1)
if [ "${1:-}" = "--memory" ]; then
  args+=(--inMemoryPersistence)
else
  mkdir -p .azurite
  args+=(--location .azurite)
fi

nohup node_modules/.bin/azurite "${args[@]}" > .azurite.log 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  if answers 10000 && answers 10002; then
    echo "azurite: started (pid $pid) on 127.0.0.1:10000 (blob) and 10002 (table)" >&2
    echo "$pid"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || { cat .azurite.log >&2; echo "azurite: exited early" >&2; exit 1; }
  sleep 0.2
done
echo "azurite: did not answer within 20 s" >&2
exit 1
