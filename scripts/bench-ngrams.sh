#!/usr/bin/env bash
# bench-ngrams.sh [COPIES...]   (default: 8 32)
#
# Scale run of `metadata ngrams` (docs/BENCHMARKS.md, "Vocabulary builder"): for each COPIES, the
# shared 206-page sample dump repeated COPIES times under new page ids (scripts/make-wiki-bench.sh,
# about 6.1 MB of XML per copy, bz2 like the real dumps), then
#   - baseline, same run: the CPU time of `bzcat FILE > /dev/null`, the decompression alone;
#   - `metaclip-spark metadata ngrams --master local[2]` with a fixed 1 GiB driver heap,
# printing wall time, CPU time (user + sys), uncompressed MB per wall second, MB per CPU second
# (MB/s per core: on a shared machine wall time mostly measures the other jobs) and peak RSS.
# Files go to ${BENCH_DIR:-/tmp/metaclip-wiki-bench} and are removed at the end, unless KEEP=1:
# then the generated dumps stay and a later run reuses them (the outputs are always removed).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${BENCH_DIR:-/tmp/metaclip-wiki-bench}"
mkdir -p "$dir"
if [[ "${KEEP:-0}" == 1 ]]; then
  trap 'rm -rf "$dir"/out-*' EXIT
else
  trap 'rm -rf "$dir"' EXIT
fi
copies=("$@")
((${#copies[@]})) || copies=(8 32)
(cd "$root" && mvn -B -q -DskipTests package) >&2
uptime >&2
printf '%-7s %8s %7s %12s %9s %8s %7s %10s %9s\n' \
  copies xml_MB bz2_MB bzcat_cpu_s wall_s cpu_s MB/s MB/cpu_s peak_MiB
for c in "${copies[@]}"; do
  f="$dir/bench-$c.xml.bz2"
  if [[ ! -f "$f" ]]; then
    "$root/scripts/make-wiki-bench.sh" "$c" "$f.tmp" 2>/dev/null
    mv "$f.tmp" "$f"
  fi
  xml_bytes=$(bzcat "$f" | wc -c)
  /usr/bin/time -f '%U %S' -o "$dir/bzcat-$c" bzcat "$f" >/dev/null
  read -r bz_user bz_sys <"$dir/bzcat-$c"
  rm -rf "$dir/out-$c"
  METACLIP_DRIVER_MEMORY=1g /usr/bin/time -f '%e %M %U %S' -o "$dir/time-$c" \
    "$root/scripts/metaclip-spark" metadata ngrams --wiki "$f" --out "$dir/out-$c" \
    --master 'local[2]' --set spark.shufflePartitions=8 >"$dir/log-$c" 2>&1
  read -r wall rss_kb user sys <"$dir/time-$c"
  awk -v c="$c" -v x="$xml_bytes" -v z="$(stat -c %s "$f")" -v b="$(echo "$bz_user + $bz_sys" | bc)" \
    -v w="$wall" -v r="$rss_kb" -v cpu="$(echo "$user + $sys" | bc)" 'BEGIN {
      printf "%-7d %8.1f %7.1f %12.1f %9.1f %8.1f %7.2f %10.2f %9.0f\n",
        c, x / 1e6, z / 1e6, b, w, cpu, x / 1e6 / w, x / 1e6 / cpu, r / 1024 }'
done
uptime >&2
