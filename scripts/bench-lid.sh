#!/usr/bin/env bash
# Language ID, whole processes on the same 1,000,000 lines: `lid-text` (this project, pure Java,
# JVM start included) against fastText's own command-line tool `fasttext predict-prob` (Debian's
# fasttext 0.9.2, C++), k = 1, in the same run, alternating, REPS times each (default 3); prints
# each time and the medians, and checks that both gave the same labels. Then JMH's texts per second
# on one thread (LanguageIdBenchmark) unless JMH=0.
#   SHARED_DIR=/path/to/shared [REPS=3] [LINES=1000000] [JMH=1] scripts/bench-lid.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED_DIR="${SHARED_DIR:-$(pwd)/../shared}"
REPS="${REPS:-3}"
LINES="${LINES:-1000000}"
WORK="${WORK:-$(pwd)/benchmarks/target/bench-lid}"
model="$SHARED_DIR/data/lid/lid.176.ftz"
if [[ ! -f "$model" ]]; then
  echo "bench-lid: $model not found; set SHARED_DIR to the shared directory" >&2
  exit 1
fi
command -v fasttext >/dev/null || { echo "bench-lid: fasttext not found (apt-get install fasttext)" >&2; exit 1; }
mkdir -p "$WORK"
mvn -B -q -pl spark-jobs,benchmarks -am package -DskipTests

# The same texts in both forms: plain lines for fastText, JSON strings for lid-text. The shared
# English and worldwide captions, repeated to LINES lines (no caption holds "\n" or "\r").
python3 - "$SHARED_DIR" "$LINES" "$WORK" <<'PY'
import json, sys
shared, lines, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
texts = []
for f in ("captions/captions.jsonl", "worldwide/captions.jsonl"):
    with open(f"{shared}/data/{f}", encoding="utf-8") as fh:
        texts += [json.loads(l) for l in fh]
texts = [t for t in texts if "</s>" not in t]
with open(f"{work}/texts.txt", "w", encoding="utf-8", newline="\n") as plain, \
     open(f"{work}/texts.jsonl", "w", encoding="utf-8", newline="\n") as js:
    for i in range(lines):
        t = texts[i % len(texts)]
        plain.write(t + "\n")
        js.write(json.dumps(t, ensure_ascii=False) + "\n")
PY
echo "== machine"
echo "nproc: $(nproc)"; lscpu | grep 'Model name' || true; java -version 2>&1 | sed -n 1p
echo "== $LINES lines ($(du -h "$WORK/texts.txt" | cut -f1)), k = 1"

seconds() { local s e; s=$(date +%s.%N); "$@"; e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN {printf "%.2f", e - s}'; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ft=(); lt=()
for ((r = 1; r <= REPS; r++)); do
  t=$(seconds sh -c "fasttext predict-prob '$model' '$WORK/texts.txt' 1 > '$WORK/fasttext.out'")
  ft+=("$t"); echo "rep $r fasttext predict-prob: $t s"
  t=$(seconds sh -c "METACLIP_NO_REBUILD=1 scripts/metaclip-spark lid-text --model '$model' --input '$WORK/texts.jsonl' > '$WORK/lid-text.out' 2>/dev/null")
  lt+=("$t"); echo "rep $r lid-text:               $t s"
done
mf=$(median "${ft[@]}"); ml=$(median "${lt[@]}")
echo "median fasttext predict-prob: $mf s; lid-text: $ml s; lid-text / fasttext = $(awk -v l="$ml" -v f="$mf" 'BEGIN {printf "%.2f", l / f}')"
# Same labels, line for line (probabilities are compared to 1e-5 in the tests).
paste -d' ' <(cut -d' ' -f1 "$WORK/fasttext.out" | sed 's/__label__//') \
  <(sed -E 's/^\["([^"]*)".*/\1/' "$WORK/lid-text.out") | awk '$1 != $2 {d++} END {print "labels that differ: " d+0 " of " NR}'

if [[ "${JMH:-1}" != 0 ]]; then
  echo "== JMH (one thread)"
  java -jar benchmarks/target/benchmarks.jar 'LanguageIdBenchmark' \
    -jvmArgsAppend "-Dshared.dir=$SHARED_DIR" -rf json -rff "$WORK/lid-jmh.json" \
    | grep -E '^#.*texts|^Benchmark|:texts'
fi
