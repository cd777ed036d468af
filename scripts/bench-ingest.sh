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

# The Python baseline: MetaCLIP-style pass 1 (gzip line scan, json.loads, urljoin, SHA-224,
# pyahocorasick). Needs Debian's python3-ahocorasick; skipped with a note when it is missing.
PY_MS=""
if /usr/bin/python3 -c "import ahocorasick" 2>/dev/null; then
  PY_MS=$(/usr/bin/python3 scripts/python-pass1-baseline.py "$SHARD" "$SHARED_DIR/data/vocab/metadata-500k.json" 2 \
    | awk '{ s = $1 } END { printf "%d", s * 1000 }')
  echo "python pass 1 (last of 2 runs): $PY_MS ms"
else
  echo "python baseline skipped: apt-get install python3-ahocorasick to include it"
fi

RESULT=benchmarks/target/wat-ingest.csv
java -Dshared.dir="$SHARED_DIR" -jar benchmarks/target/benchmarks.jar WatIngestBenchmark \
  -rf csv -rff "$RESULT" "$@"

echo
echo "== WAT ingestion, single thread, MB/s of uncompressed bytes =="
awk -F, -v bytes="$RAW_BYTES" -v gzip_ms="$GZIP_MS" -v py_ms="$PY_MS" '
  BEGIN {
    gzip_mbs = bytes / 1e6 / (gzip_ms / 1000)
    printf "%-34s %9.1f ms %8.1f MB/s  %5.0f%% of gzip -dc\n", "gzip -dc (mean of runs)", gzip_ms, gzip_mbs, 100
    if (py_ms != "") {
      py_mbs = bytes / 1e6 / (py_ms / 1000)
      printf "%-34s %9.1f ms %8.1f MB/s  %5.0f%% of gzip -dc\n", "python pass 1 (MetaCLIP style)", py_ms, py_mbs, 100 * py_mbs / gzip_mbs
    }
  }
  NR > 1 {
    gsub(/"/, "")
    name = $1; sub(/.*\./, "", name)
    ms = $5
    mbs = bytes / 1e6 / (ms / 1000)
    printf "%-52s %9.1f ms %8.1f MB/s  %5.0f%% of gzip -dc", "WatIngestBenchmark." name, ms, mbs, 100 * mbs / gzip_mbs
    if (py_ms != "") printf "  %4.1fx python", py_ms / ms
    printf "\n"
  }' "$RESULT"
