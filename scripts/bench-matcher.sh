#!/usr/bin/env bash
# Builds the benchmarks and measures the metadata matcher on the shared 500k metadata and captions:
# memory and size figures first, then JMH throughput (chars/s), compile and load times, with the
# ACDAT and naive baselines in the same run. Takes about 5 minutes; extra arguments go to JMH.
#   SHARED_DIR=/path/to/shared scripts/bench-matcher.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED_DIR="${SHARED_DIR:-$(pwd)/../shared}"
if [[ ! -d "$SHARED_DIR/data" ]]; then
  echo "bench-matcher: shared data not found at $SHARED_DIR/data; set SHARED_DIR to the shared directory" >&2
  exit 1
fi
JAR=benchmarks/target/benchmarks.jar
# -am builds curation-core in the same reactor, so a stale snapshot in ~/.m2 cannot be picked up.
mvn -B -q -pl benchmarks -am package -DskipTests

echo "== machine"
echo "nproc: $(nproc)"
lscpu | grep 'Model name' || true
java -version 2>&1 | head -1
echo "== footprint"
java -Xmx3g -Dshared.dir="$SHARED_DIR" -cp "$JAR" org.metaclipspark.curation.bench.MatcherFootprint
echo "== JMH"
java -jar "$JAR" 'SubstringMatcherBenchmark' -jvmArgsAppend "-Xmx3g -Dshared.dir=$SHARED_DIR" \
  -rf json -rff benchmarks/target/matcher-jmh.json "$@"
