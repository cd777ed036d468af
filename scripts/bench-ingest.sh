#!/usr/bin/env bash
# Pass-1 ingestion throughput on the bench shard, in MB/s of uncompressed bytes (1 MB = 10^6 B):
# `gzip -dc` timed by this script, and the JMH benchmark WatIngestBenchmark (JDK gunzip baseline
# and WatPairReader extraction), all measured in the same run so that ratios are fair on a busy
# machine. Usage: scripts/bench-ingest.sh [extra JMH args]   (env: SHARED_DIR, REPS)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED_DIR="$(cd "${SHARED_DIR:-../shared}" && pwd)"
SHARD="$SHARED_DIR/data/bench/CC-SAMPLE-2024-22-BENCH.warc.wat.gz"
REPS="${REPS:-5}"
if [[ ! -f "$SHARD" ]]; then
  echo "bench shard not found at $SHARD; set SHARED_DIR to the shared data directory" >&2
  exit 1
fi

mvn -B -q -pl benchmarks -am package -DskipTests

RAW_BYTES=$(gzip -dc "$SHARD" | wc -c)
echo "shard: $SHARD"
echo "uncompressed bytes: $RAW_BYTES"

total=0
for ((i = 1; i <= REPS; i++)); do
  start=$(date +%s%N)
  gzip -dc "$SHARD" > /dev/null
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  echo "gzip -dc run $i: $ms ms"
  total=$(( total + ms ))
done
GZIP_MS=$(( total / REPS ))

RESULT=benchmarks/target/wat-ingest.csv
java -Dshared.dir="$SHARED_DIR" -jar benchmarks/target/benchmarks.jar WatIngestBenchmark \
  -rf csv -rff "$RESULT" "$@"

echo
echo "== WAT ingestion, single thread, MB/s of uncompressed bytes =="
awk -F, -v bytes="$RAW_BYTES" -v gzip_ms="$GZIP_MS" '
  BEGIN {
    gzip_mbs = bytes / 1e6 / (gzip_ms / 1000)
    printf "%-34s %9.1f ms %8.1f MB/s  %5.0f%% of gzip -dc\n", "gzip -dc (mean of runs)", gzip_ms, gzip_mbs, 100
  }
  NR > 1 {
    gsub(/"/, "")
    name = $1; sub(/.*\./, "", name)
    ms = $5
    mbs = bytes / 1e6 / (ms / 1000)
    printf "%-34s %9.1f ms %8.1f MB/s  %5.0f%% of gzip -dc\n", "WatIngestBenchmark." name, ms, mbs, 100 * mbs / gzip_mbs
  }' "$RESULT"
