#!/usr/bin/env bash
# A/B measurement of the matcher: builds the benchmarks of BASE (a git ref, default main) into a
# temporary directory and of the working tree, then runs both in alternating rounds with the same
# arguments: JMH's SubstringMatcherBenchmark.matcher (wall clock) and MatcherCpuTime (chars per CPU
# second of the scanning thread, steadier on a loaded machine), then compile and loadSerialized.
# Compare the two builds' figures within each round; the machine is shared.
#   SHARED_DIR=/path/to/shared ROUNDS=6 scripts/bench-matcher-ab.sh [BASE]
set -euo pipefail
cd "$(dirname "$0")/.."
BASE="${1:-main}"
ROUNDS="${ROUNDS:-6}"
SHARED_DIR="${SHARED_DIR:-$(pwd)/../shared}"
if [[ ! -d "$SHARED_DIR/data" ]]; then
  echo "bench-matcher-ab: shared data not found at $SHARED_DIR/data; set SHARED_DIR" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src"
git archive "$BASE" | tar -x -C "$work/src"
# Reactor builds only: nothing is installed into ~/.m2.
(cd "$work/src" && mvn -B -q -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true)
cp "$work/src/benchmarks/target/benchmarks.jar" "$work/base.jar"
mvn -B -q -pl benchmarks -am package -DskipTests
cp benchmarks/target/benchmarks.jar "$work/head.jar"
jvm="-Xmx3g -Dshared.dir=$SHARED_DIR"
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "== base $BASE ($(git rev-parse --short "$BASE")) vs working tree ($(git rev-parse --short HEAD)); $(nproc) cores"
for round in $(seq 1 "$ROUNDS"); do
  for v in base head; do
    echo "== round $round $v $(date -u +%T) load $(load)"
    java -jar "$work/$v.jar" 'SubstringMatcherBenchmark\.matcher$' -wi 3 -w 2 -i 5 -r 2 \
      -jvmArgsAppend "$jvm" 2>&1 | grep -E '^SubstringMatcherBenchmark'
    # The base build's classes come first; MatcherCpuTime itself is taken from the head jar.
    java $jvm -cp "$work/$v.jar:$work/head.jar" org.metaclipspark.curation.bench.MatcherCpuTime 40
  done
done
for v in base head; do
  echo "== builds $v $(date -u +%T) load $(load)"
  java -jar "$work/$v.jar" 'SubstringMatcherBenchmark\.(compile|loadSerialized)$' \
    -jvmArgsAppend "$jvm" 2>&1 | grep -E '^SubstringMatcherBenchmark'
done
