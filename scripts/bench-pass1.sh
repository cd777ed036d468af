#!/usr/bin/env bash
# Pass 1 in the real job: the marginal cost of one realistic shard (the bench shard concatenated
# ten times, 916 MB uncompressed; gzip members concatenate) in whole-process runs of
#   scripts/metaclip-spark match --master 'local[1]'
# on 1 and on 3 copies of that shard, next to `gzip -dc`, `libdeflate-gunzip -c` and `extract`
# (the Spark-free reader) on the same shard, all in one run so that ratios are fair on a busy
# machine. The marginal cost per shard is (t3 - t1) / 2: start-up, vocabulary and automaton
# cancel out.
#   SHARED_DIR=/path/to/shared REPS=2 scripts/bench-pass1.sh
# Env: SHARED_DIR (default ../shared), REPS (default 2), WORK (default target/bench-pass1),
# BENCH (the shard to replicate, default the shared WAT bench shard; a .warc.gz measures the WARC
# path), COPIES (how many times it is concatenated into the shard, default 10),
# METACLIP_JAVA_OPTS (passed on to the launcher, e.g. a JFR recording), BASELINE_ROOT (a built
# checkout of an older version, e.g. from `git archive REV`; its match is timed in the same run).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
SHARED_DIR="$(cd "${SHARED_DIR:-../shared}" && pwd)"
REPS="${REPS:-2}"
WORK="${WORK:-$root/target/bench-pass1}"
BENCH="${BENCH:-$SHARED_DIR/data/bench/CC-SAMPLE-2024-22-BENCH.warc.wat.gz}"
COPIES="${COPIES:-10}"
case "$BENCH" in
  *.warc.wat.gz) KIND=wat ;;
  *.warc.gz) KIND=warc ;;
  *) echo "bench-pass1: BENCH must be a .warc.wat.gz or .warc.gz shard" >&2; exit 1 ;;
esac
EXT=$([[ $KIND == wat ]] && echo warc.wat.gz || echo warc.gz)
VOCAB="$SHARED_DIR/data/vocab/metadata-500k.json"
if [[ ! -f "$BENCH" || ! -f "$VOCAB" ]]; then
  echo "bench-pass1: bench shard or vocabulary not found under $SHARED_DIR/data; set SHARED_DIR" >&2
  exit 1
fi

mvn -B -q -DskipTests package

mkdir -p "$WORK/one" "$WORK/three"
SHARD="$WORK/CC-BENCH-x$COPIES.$EXT"
if [[ ! -f "$SHARD" ]]; then
  for ((c = 0; c < COPIES; c++)); do cat "$BENCH"; done > "$SHARD.tmp"
  mv "$SHARD.tmp" "$SHARD"
fi
# Hard links: distinct shard names, one copy of the bytes (and of the page cache).
rm -f "$WORK"/one/* "$WORK"/three/*
ln -f "$SHARD" "$WORK/one/CC-BENCH-x$COPIES-0001.$EXT"
for i in 1 2 3; do ln -f "$SHARD" "$WORK/three/CC-BENCH-x$COPIES-000$i.$EXT"; done
RAW_BYTES=$(gzip -dc "$SHARD" | wc -c)

echo "== machine"
echo "nproc: $(nproc); $(lscpu | grep 'Model name' | sed 's/  */ /g')"
java -version 2>&1 | head -1
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "shard: $SHARD ($(stat -c %s "$SHARD") bytes compressed, $RAW_BYTES uncompressed)"

ms() { echo $(( ($2 - $1) / 1000000 )); }
now() { date +%s%N; }

declare -A best this
record() { # name ms: keep the fastest of the repetitions, and this repetition's
  if [[ -z "${best[$1]:-}" || "$2" -lt "${best[$1]}" ]]; then best[$1]=$2; fi
  this[$1]=$2
  printf '  %-28s run %d: %6d ms\n' "$1" "$rep" "$2"
}
# One line per repetition: its own marginal shard and ratios, from runs minutes apart. The
# fastest-of summary below mixes repetitions; the median of these lines does not.
per_rep=()

inflater_line=""
for ((rep = 1; rep <= REPS; rep++)); do
  echo "== repetition $rep of $REPS (load $(cut -d' ' -f1 /proc/loadavg))"
  s=$(now); gzip -dc "$SHARD" > /dev/null; record "gzip -dc" "$(ms "$s" "$(now)")"
  if command -v libdeflate-gunzip > /dev/null; then
    s=$(now); libdeflate-gunzip -c "$SHARD" > /dev/null; record "libdeflate-gunzip -c" "$(ms "$s" "$(now)")"
  fi
  s=$(now); scripts/metaclip-spark extract "$SHARD" > /dev/null 2> "$WORK/extract.log"
  record "extract (1 shard)" "$(ms "$s" "$(now)")"
  for n in one three; do
    s=$(now)
    scripts/metaclip-spark match --master 'local[1]' --input "$WORK/$n" --vocab "$VOCAB" \
      --out "$WORK/out-$n" --overwrite > "$WORK/match-$n.log" 2>&1
    record "match local[1], $n" "$(ms "$s" "$(now)")"
  done
  if [[ -n "${BASELINE_ROOT:-}" ]]; then
    for n in one three; do
      s=$(now)
      "$BASELINE_ROOT/scripts/metaclip-spark" match --master 'local[1]' --input "$WORK/$n" \
        --vocab "$VOCAB" --out "$WORK/baseline-$n" --overwrite > "$WORK/baseline-$n.log" 2>&1
      record "baseline match, $n" "$(ms "$s" "$(now)")"
    done
  fi
  inflater_line=$(tr -d ' \n' < "$WORK/out-one/matches/_manifest.json" | grep -o '"inflaters":{[^}]*}' || true)
  m=$(( (this["match local[1], three"] - this["match local[1], one"]) / 2 ))
  line="$m ${this["gzip -dc"]} ${this["libdeflate-gunzip -c"]:-0}"
  if [[ -n "${BASELINE_ROOT:-}" ]]; then
    line="$line $(( (this["baseline match, three"] - this["baseline match, one"]) / 2 ))"
  fi
  per_rep+=("$line")
done

echo
echo "== per repetition: marginal shard (t3 - t1) / 2 and its ratios, in the same repetition"
printf '%s\n' "${per_rep[@]}" | awk '
  { m[NR] = $1; r[NR] = $1 / $2; l[NR] = ($3 > 0 ? $1 / $3 : 0); b[NR] = (NF > 3 ? $4 / $1 : 0)
    printf "repetition %d: marginal %6d ms, / gzip -dc %.2f, / libdeflate %.2f", NR, $1, r[NR], l[NR]
    if (NF > 3) printf ", baseline marginal %d ms (baseline / this %.2f)", $4, b[NR]
    printf "\n" }
  function median(a, n,   i, j, t) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  END { printf "median of %d: marginal %d ms, / gzip -dc %.2f, / libdeflate %.2f", NR, median(m, NR), median(r, NR), median(l, NR)
    if (b[1] > 0) printf ", baseline / this %.2f", median(b, NR)
    printf "\n" }'

echo
echo "== pass 1, one core, MB/s of uncompressed bytes (1 MB = 10^6 B), fastest of $REPS"
[[ -n "$inflater_line" ]] && echo "match manifest: $inflater_line"
g=${best["gzip -dc"]}
t1=${best["match local[1], one"]}
t3=${best["match local[1], three"]}
marginal=$(( (t3 - t1) / 2 ))
row() { # label ms
  awk -v l="$1" -v ms="$2" -v b="$RAW_BYTES" -v g="$g" \
    'BEGIN { printf "%-44s %7d ms %8.1f MB/s  %5.2fx the time of gzip -dc\n", l, ms, b / 1e6 / (ms / 1000), ms / g }'
}
row "gzip -dc" "$g"
[[ -n "${best["libdeflate-gunzip -c"]:-}" ]] && row "libdeflate-gunzip -c" "${best["libdeflate-gunzip -c"]}"
row "extract, whole process" "${best["extract (1 shard)"]}"
row "match local[1], 1 shard, whole process" "$t1"
row "match local[1], 3 shards, whole process" "$t3"
row "match marginal per shard, (t3 - t1) / 2" "$marginal"
if [[ -n "${BASELINE_ROOT:-}" ]]; then
  b1=${best["baseline match, one"]}
  b3=${best["baseline match, three"]}
  row "baseline ($BASELINE_ROOT) marginal per shard" "$(( (b3 - b1) / 2 ))"
  awk -v m="$marginal" -v b="$(( (b3 - b1) / 2 ))" 'BEGIN { printf "baseline marginal / this marginal: %.2fx\n", b / m }'
fi
if [[ -n "${best["libdeflate-gunzip -c"]:-}" ]]; then
  awk -v m="$marginal" -v l="${best["libdeflate-gunzip -c"]}" \
    'BEGIN { printf "marginal / libdeflate-gunzip: %.2fx\n", m / l }'
fi
awk -v m="$marginal" -v b="$RAW_BYTES" 'BEGIN {
  rate = b / 1e6 / (m / 1000)
  # 100,000 WATs of about 1.5 GB uncompressed each
  printf "projection: %.0f core-hours per 100k-WAT crawl (1.5 GB per WAT at %.1f MB/s per core); cc2dataset: 50 s per WAT, about 1,389\n", 100000 * 1500 / rate / 3600, rate
}'
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
