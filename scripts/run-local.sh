#!/usr/bin/env bash
# Runs all three passes in local mode on the bundled default: the sample WAT shards in samples/wat
# and the WordNet 3.1 vocabulary in samples/vocab (conf/local.json). Builds the project first if
# needed. Extra arguments go to `metaclip-spark curate`, e.g. --t 5 or --format jsonl.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec scripts/metaclip-spark curate --conf conf/local.json --overwrite "$@"
