#!/usr/bin/env bash
# scripts/submit.sh [SPARK-SUBMIT FLAGS] SUBCOMMAND [OPTIONS]
#
# Submits the application jar (spark-jobs/target/metaclip-spark.jar) with spark-submit: the usual
# Spark flags first, then one of our subcommands (curate, match, count, balance) and its options.
# Uses $SPARK_HOME/bin/spark-submit when there is one; a SPARK_HOME without bin/ (e.g. the one
# scripts/dev-cluster.sh assembles from Maven Central jars) is run the way bin/spark-class runs
# it, through org.apache.spark.launcher.Main and org.apache.spark.deploy.SparkSubmit.
#
#   eval "$(scripts/dev-cluster.sh up)"
#   scripts/submit.sh --master "$METACLIP_MASTER" --executor-memory 2g \
#     curate --conf my.json --input s3a://bucket/wat.paths --out s3a://bucket/out --t 20000
#
# Sizing executors for a 500k-entry vocabulary (MetaCLIP's metadata.json):
#   - The compiled automaton is broadcast once per executor: about 45 MB on the heap (19 MB
#     serialized), shared by all of the executor's cores. The driver builds it too (--driver-memory
#     2g or more).
#   - Pass 1 streams each shard (one task per shard); a task holds one WARC record at a time
#     (input.maxRecordBytes, 64 MB at most) plus Parquet's row-group buffer (128 MB by default).
#   - So give each executor 1g for the broadcast and Spark's own needs plus 512m per core:
#     --executor-cores 4 --executor-memory 3g, or --executor-cores 8 --executor-memory 5g.
#   - Shards per core: a crawl of ~100,000 WAT shards has 100,000 pass 1 tasks; with C cores in
#     all, each core runs about 100,000 / C of them. Many cores per executor share one broadcast,
#     so 4-8 cores per executor wastes the least memory.
#   - Passes 2 and 3 shuffle; set spark.shufflePartitions (config) to about 2-3 x the total cores.
#
# Environment: SPARK_HOME (required), JAVA_HOME, METACLIP_DEBUG=1 (stack traces on errors).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/spark-jobs/target/metaclip-spark.jar"

usage() {
  sed -n '2,30p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

# Split the arguments at our subcommand; everything before it goes to spark-submit.
spark_args=()
sub=""
while (($#)); do
  case "$1" in
    curate | match | count | balance | match-text | lid-text | extract)
      sub="$1"
      shift
      break
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    --verbose | -v | --supervise)
      spark_args+=("$1")
      shift
      ;;
    --*=*)
      spark_args+=("$1")
      shift
      ;;
    -*)
      if (($# < 2)); then
        echo "submit.sh: $1 needs a value" >&2
        exit 2
      fi
      spark_args+=("$1" "$2")
      shift 2
      ;;
    *)
      echo "submit.sh: expected a spark-submit flag or a subcommand (curate, match, count, balance), got '$1'" >&2
      exit 2
      ;;
  esac
done
if [[ -z "$sub" ]]; then
  usage >&2
  exit 2
fi
if [[ -z "${SPARK_HOME:-}" || ! -d "$SPARK_HOME/jars" ]]; then
  echo "submit.sh: set SPARK_HOME to a Spark 4.1 installation (or run: eval \"\$(scripts/dev-cluster.sh up)\")" >&2
  exit 2
fi
if [[ ! -f "$jar" ]]; then
  echo "submit.sh: building the application jar (mvn -DskipTests package) ..." >&2
  (cd "$root" && mvn -B -q -DskipTests package) >&2
fi

args=("${spark_args[@]}" --class org.metaclipspark.curation.cli.Main "$jar" "$sub" "$@")
if [[ -x "$SPARK_HOME/bin/spark-submit" ]]; then
  exec "$SPARK_HOME/bin/spark-submit" "${args[@]}"
fi

# What bin/spark-class does: the launcher library prints the driver's java command (driver memory,
# class path with $SPARK_HOME/conf, Spark's --add-opens list), NUL-separated, then its exit code.
export SPARK_SCALA_VERSION="${SPARK_SCALA_VERSION:-2.13}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# The launcher starts its output with a marker (a NUL and a newline) before the command.
cmd=()
while IFS= read -d '' -r part; do
  if ((${#cmd[@]} == 0)); then
    part="${part#$'\n'}"
    [[ -n "$part" ]] || continue
  fi
  cmd+=("$part")
done < <(
  "$java" -Xmx128m -cp "$SPARK_HOME/jars/*" org.apache.spark.launcher.Main \
    org.apache.spark.deploy.SparkSubmit "${args[@]}"
  printf '%d\0' $?
)
status="${cmd[${#cmd[@]} - 1]}"
unset 'cmd[${#cmd[@]}-1]'
if [[ "$status" != 0 ]]; then
  exit "$status"
fi
exec "${cmd[@]}"
