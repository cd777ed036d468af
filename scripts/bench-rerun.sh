#!/usr/bin/env bash
# Rerun benchmark (issue 7): on >= 10M matched pairs made by ReplicateShards from the shared shards,
# the time of `balance` with a new t next to the time of the whole pipeline (`curate`), and the
# shuffle bytes per matched pair of pass 2 before (the row-shuffling CountJob of commit b75af7e)
# and after (hash dedup), on the same input, from Spark's event log.
#
#   SHARED_DIR=../shared scripts/bench-rerun.sh      # ~25 min on 2 cores; outputs under /tmp
#
# Environment: SHARED_DIR (default ../shared), BENCH_DIR (default /tmp/metaclip-bench-rerun),
# COPIES (default 375: 4 shards x 375 copies x ~6.7k matched pairs = ~10M), MASTER (local[2]),
# BASELINE=0 skips the old CountJob.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="$(cd "${SHARED_DIR:-$root/../shared}" && pwd)"
work="${BENCH_DIR:-/tmp/metaclip-bench-rerun}"
copies="${COPIES:-375}"
master="${MASTER:-local[2]}"
vocab="$shared/data/vocab/metadata-500k.json"
mkdir -p "$work/events"

(cd "$root" && mvn -B -q -DskipTests package) >&2
if [[ ! -f "$work/wat/.complete-$copies" ]]; then
  rm -f "$work"/wat/*.part
  start=$(date +%s.%N)
  java -cp "$root/benchmarks/target/benchmarks.jar" org.metaclipspark.curation.bench.ReplicateShards \
    "$shared/data/wat" "$work/wat" "$copies" 2
  touch "$work/wat/.complete-$copies"
  echo "generate: $(echo "$(date +%s.%N) - $start" | bc) s, $(du -sh "$work/wat" | cut -f1)"
fi

seconds() { # seconds LABEL COMMAND...: runs it, prints and returns the wall time
  local label="$1"; shift
  local start; start=$(date +%s.%N)
  "$@" > "$work/$label.out" 2> "$work/$label.err"
  local s; s=$(echo "$(date +%s.%N) - $start" | bc)
  printf '%-34s %8.1f s\n' "$label" "$s" >&2
  echo "$s"
}

# Shuffle bytes written by every task of one application's event log (a file, or Spark 4's
# eventlog_v2_* directory of events_* files, zstd-compressed by default).
shuffle_bytes() {
  local log="$1"
  if [[ -d "$log" ]]; then log=$(ls "$log"/events_* | head -1); fi
  if [[ "$log" == *.zstd ]]; then zstd -dc "$log" > "$work/events.json"; else cp "$log" "$work/events.json"; fi
  python3 - "$work/events.json" <<'PY'
import json, sys
total = 0
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e.get("Event") == "SparkListenerTaskEnd":
        m = e.get("Task Metrics") or {}
        total += (m.get("Shuffle Write Metrics") or {}).get("Shuffle Bytes Written", 0)
print(total)
PY
}
newest_log() { ls -t "$work/events" | head -1; }
events="-Dspark.eventLog.enabled=true -Dspark.eventLog.dir=file://$work/events"

launcher="$root/scripts/metaclip-spark"
curate=$(seconds "curate (whole pipeline)" "$launcher" curate --input "$work/wat" --vocab "$vocab" \
  --out "$work/out" --t 20000 --master "$master" --overwrite)
matched=$(python3 -c "import json;print(json.load(open('$work/out/matches/_manifest.json'))['row_counts']['matches'])")
distinct=$(python3 -c "import json;print(json.load(open('$work/out/distinct_pairs/_manifest.json'))['row_counts']['distinct_pairs'])")

if [[ "${BASELINE:-1}" != 0 ]]; then
  rm -rf "$work/baseline-src"; mkdir -p "$work/baseline-src"
  git -C "$root" archive b75af7e | tar -x -C "$work/baseline-src"
  (cd "$work/baseline-src" && mvn -B -q -o -DskipTests package) >&2
  rm -rf "$work/baseline-out"; mkdir -p "$work/baseline-out"; cp -r "$work/out/matches" "$work/baseline-out/"
  old_count=$(METACLIP_JAVA_OPTS="$events" seconds "count, before (row shuffle)" \
    "$work/baseline-src/scripts/metaclip-spark" count --out "$work/baseline-out" --master "$master")
  old_shuffle=$(shuffle_bytes "$work/events/$(newest_log)")
fi
new_count=$(METACLIP_JAVA_OPTS="$events" seconds "count, after (hash dedup)" \
  "$launcher" count --out "$work/out" --master "$master" --overwrite)
new_shuffle=$(shuffle_bytes "$work/events/$(newest_log)")
balance=$(seconds "balance --t 170000 (new t)" "$launcher" balance --out "$work/out" --t 170000 --master "$master")
balance3=$(seconds "balance --t 1000,5000,50000" "$launcher" balance --out "$work/out" --t 1000,5000,50000 --master "$master")
sizes=$(seconds "sizes --t 1000,20000,170000" "$launcher" sizes --out "$work/out" --t 1000,20000,170000 --master "$master")

echo
echo "input: $matched matched pairs, $distinct distinct pairs ($copies copies of the shared shards)"
python3 - <<PY
curate, balance, balance3, sizes, new_count = $curate, $balance, $balance3, $sizes, $new_count
print(f"balance with a new t / whole pipeline: {balance:.1f} s / {curate:.1f} s = {100*balance/curate:.1f}%")
print(f"balance with three new t / whole pipeline: {balance3:.1f} s / {curate:.1f} s = {100*balance3/curate:.1f}%")
print(f"sizes for three t / whole pipeline: {sizes:.1f} s / {curate:.1f} s = {100*sizes/curate:.1f}%")
matched = $matched
print(f"count shuffle, after: {$new_shuffle:,} bytes = {$new_shuffle/matched:.1f} bytes per matched pair, {new_count:.1f} s")
PY
if [[ "${BASELINE:-1}" != 0 ]]; then
  python3 -c "print(f'count shuffle, before: {$old_shuffle:,} bytes = {$old_shuffle/$matched:.1f} bytes per matched pair, {$old_count:.1f} s')"
fi
