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
# BASELINE=0 skips the old CountJob, BUILD=0 uses the jars as built.
#
# Every timed command is one whole process, measured by /usr/bin/time: wall time, and CPU time
# (user + sys of the process and its children), since on a shared machine the CPU time is the
# figure that other load does not inflate. Ratios are given both ways.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="$(cd "${SHARED_DIR:-$root/../shared}" && pwd)"
work="${BENCH_DIR:-/tmp/metaclip-bench-rerun}"
copies="${COPIES:-375}"
master="${MASTER:-local[2]}"
vocab="$shared/data/vocab/metadata-500k.json"
mkdir -p "$work/events"

if [[ "${BUILD:-1}" != 0 ]]; then (cd "$root" && mvn -B -q -DskipTests package) >&2; fi
echo "start: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores" >&2
if [[ ! -f "$work/wat/.complete-$copies" ]]; then
  rm -f "$work"/wat/*.part
  start=$(date +%s.%N)
  java -cp "$root/benchmarks/target/benchmarks.jar" org.metaclipspark.curation.bench.ReplicateShards \
    "$shared/data/wat" "$work/wat" "$copies" 2
  touch "$work/wat/.complete-$copies"
  echo "generate: $(echo "$(date +%s.%N) - $start" | bc) s, $(du -sh "$work/wat" | cut -f1)"
fi

seconds() { # seconds LABEL COMMAND...: runs it, prints wall and CPU time, returns "WALL CPU"
  local label="$1"; shift
  if ! /usr/bin/time -f '%e %U %S' -o "$work/$label.time" "$@" > "$work/$label.out" 2> "$work/$label.err"; then
    echo "bench-rerun: '$label' failed:" >&2
    tail -5 "$work/$label.err" >&2
    exit 1
  fi
  local wall cpu
  read -r wall user sys < "$work/$label.time"
  cpu=$(echo "$user + $sys" | bc)
  printf '%-34s %8.1f s wall %8.1f s CPU (load %s)\n' "$label" "$wall" "$cpu" \
    "$(cut -d' ' -f1 /proc/loadavg)" >&2
  echo "$wall $cpu"
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
  rm -rf "$work/baseline-out"; mkdir -p "$work/baseline-out"; cp -al "$work/out/matches" "$work/baseline-out/"
  old_count=$(METACLIP_JAVA_OPTS="$events" seconds "count, before (row shuffle)" \
    "$work/baseline-src/scripts/metaclip-spark" count --out "$work/baseline-out" --master "$master")
  old_shuffle=$(shuffle_bytes "$work/events/$(newest_log)")
fi
# On a copy of pass 1's output (hard links), so that the pass-2 commit of "$work/out", and the draw
# index curate built from it, stay those of the timed pipeline.
rm -rf "$work/count-out"; mkdir -p "$work/count-out"; cp -al "$work/out/matches" "$work/count-out/"
new_count=$(METACLIP_JAVA_OPTS="$events" seconds "count, after (hash dedup)" \
  "$launcher" count --out "$work/count-out" --master "$master")
new_shuffle=$(shuffle_bytes "$work/events/$(newest_log)")
# The new caps of the timed balance runs, each run with its own so that none reuses another's set.
t_alone=170000 t_report=160000 t_three=1000,5000,50000
# Sets drawn by an earlier run of this script belong to an older pass-2 commit, which balance
# refuses to mix with the new one; they are not part of what is timed. (curate --overwrite above
# started "$work/out" over, so this only matters when the script is edited to skip it.)
for t in $t_alone $t_report ${t_three//,/ }; do rm -rf "$work/out/curated/t$t-seed0"; done
balance=$(seconds "balance --t $t_alone --no-report" "$launcher" balance --out "$work/out" --t $t_alone \
  --no-report --master "$master")
balance_report=$(seconds "balance --t $t_report (and report)" "$launcher" balance --out "$work/out" \
  --t $t_report --master "$master")
balance3=$(seconds "balance --t $t_three" "$launcher" balance --out "$work/out" --t $t_three --master "$master")
sizes=$(seconds "sizes --t 1000,20000,170000" "$launcher" sizes --out "$work/out" --t 1000,20000,170000 --master "$master")

echo
echo "end: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "input: $matched matched pairs, $distinct distinct pairs ($copies copies of the shared shards)"
python3 - <<PY
def pair(s):
    wall, cpu = s.split()
    return float(wall), float(cpu)
curate, balance, balance_report, balance3, sizes, new_count = (
    pair("$curate"), pair("$balance"), pair("$balance_report"), pair("$balance3"), pair("$sizes"),
    pair("$new_count"))
for name, x in [("balance with a new t, --no-report", balance),
                ("balance with a new t, and the report", balance_report),
                ("balance with three new t", balance3),
                ("sizes for three t", sizes), ("count (pass 2 alone)", new_count)]:
    print(f"{name} / whole pipeline: wall {x[0]:.1f} s / {curate[0]:.1f} s = {100*x[0]/curate[0]:.1f}%,"
          f" CPU {x[1]:.1f} s / {curate[1]:.1f} s = {100*x[1]/curate[1]:.1f}%")
matched = $matched
print(f"count shuffle, after: {$new_shuffle:,} bytes = {$new_shuffle/matched:.1f} bytes per matched pair,"
      f" {new_count[0]:.1f} s wall, {new_count[1]:.1f} s CPU")
if "${BASELINE:-1}" != "0":
    old = pair("${old_count:-0 0}")
    print(f"count shuffle, before: {${old_shuffle:-0}:,} bytes = {${old_shuffle:-0}/matched:.1f} bytes per"
          f" matched pair, {old[0]:.1f} s wall, {old[1]:.1f} s CPU")
PY
