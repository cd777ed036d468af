#!/usr/bin/env bash
# bench-ngrams.sh [COPIES...]   (default: 8 32)
#
# Scale run of `metadata ngrams` (docs/BENCHMARKS.md, "Vocabulary builder"): for each COPIES, the
# shared 206-page sample dump repeated COPIES times under new page ids (scripts/make-wiki-bench.sh,
# about 6.1 MB of XML per copy, bz2 like the real dumps), then
#   - baseline, same run: `bzcat FILE > /dev/null` (one core), the decompression alone;
#   - `metaclip-spark metadata ngrams --master local[2]` with a fixed 1 GiB driver heap,
# printing wall time, uncompressed MB/s (total and per core) and the peak RSS of the JVM.
# Files go to ${BENCH_DIR:-/tmp/metaclip-wiki-bench} and are removed at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${BENCH_DIR:-/tmp/metaclip-wiki-bench}"
mkdir -p "$dir"
trap 'rm -rf "$dir"' EXIT
copies=("$@")
((${#copies[@]})) || copies=(8 32)
(cd "$root" && mvn -B -q -DskipTests package) >&2
printf '%-7s %10s %9s %9s %11s %11s %9s %10s\n' copies xml_MB bz2_MB bzcat_s ngrams_s MB/s MB/s/core peak_MiB
for c in "${copies[@]}"; do
  f="$dir/bench-$c.xml.bz2"
  "$root/scripts/make-wiki-bench.sh" "$c" "$f" 2>/dev/null
  xml_bytes=$(bzcat "$f" | wc -c)
  t0=$(date +%s.%N); bzcat "$f" >/dev/null; t1=$(date +%s.%N)
  rm -rf "$dir/out-$c"
  METACLIP_DRIVER_MEMORY=1g /usr/bin/time -f '%e %M' -o "$dir/time-$c" \
    "$root/scripts/metaclip-spark" metadata ngrams --wiki "$f" --out "$dir/out-$c" \
    --master 'local[2]' --set spark.shufflePartitions=8 >"$dir/log-$c" 2>&1
  read -r wall rss_kb <"$dir/time-$c"
  awk -v c="$c" -v x="$xml_bytes" -v z="$(stat -c %s "$f")" -v b="$(echo "$t1 - $t0" | bc)" \
    -v w="$wall" -v r="$rss_kb" 'BEGIN {
      printf "%-7d %10.1f %9.1f %9.1f %11.1f %11.2f %9.2f %10.0f\n",
        c, x / 1e6, z / 1e6, b, w, x / 1e6 / w, x / 1e6 / w / 2, r / 1024 }'
done
