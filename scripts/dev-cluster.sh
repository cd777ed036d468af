#!/usr/bin/env bash
# scripts/dev-cluster.sh up [--workers N] [--worker-cores C] [--worker-memory M]
# scripts/dev-cluster.sh down
#
# A Spark standalone cluster and an S3 endpoint on this machine, on 127.0.0.1 only, for trying
# spark-submit runs and for the cluster tests:
#   - a master and N workers (default 2, each 1 core and 2g), each its own JVM, from a SPARK_HOME
#     assembled from Maven Central jars (scripts/dev-cluster/pom.xml; built once, then reused);
#   - s3proxy (.ci/s3proxy) as its own process, filesystem backend, no authentication unless
#     S3PROXY_IDENTITY and S3PROXY_CREDENTIAL are set (then requests must be signed with them).
# `up` waits until every worker is registered and the endpoint answers, then prints `export`
# lines (METACLIP_MASTER, METACLIP_S3_ENDPOINT, SPARK_HOME, ...): `eval "$(scripts/dev-cluster.sh up)"`.
# `down` stops exactly the processes `up` started, by the PIDs it recorded.
#
# Environment:
#   METACLIP_DEV_CLUSTER_DIR  state: PIDs, logs, worker dirs, bucket data (default target/dev-cluster)
#   METACLIP_SPARK_HOME       where the SPARK_HOME is assembled (default ~/.cache/metaclip-spark/spark-4.1.3-scala2.13)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="${METACLIP_DEV_CLUSTER_DIR:-$root/target/dev-cluster}"
spark_home="${METACLIP_SPARK_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/metaclip-spark/spark-4.1.3-scala2.13}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

usage() {
  sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

# SPARK_HOME from Maven Central: jars/, conf/log4j2.properties and a RELEASE file. Built into a
# temporary directory and moved into place, so a half-built home is never reused.
assemble_spark_home() {
  if [[ -f "$spark_home/RELEASE" ]]; then
    return
  fi
  echo "dev-cluster: assembling SPARK_HOME in $spark_home (Spark 4.1.3 jars from Maven Central, ~290 MB, once)" >&2
  local tmp="$spark_home.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp/conf"
  (cd "$root/scripts/dev-cluster" &&
    mvn -B -q dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp/jars") >&2
  cat > "$tmp/conf/log4j2.properties" <<'CONF'
# Spark daemons, drivers and executors of the dev cluster log at INFO to the console (their
# stdout/stderr go to files under the dev-cluster state directory and the workers' work dirs).
rootLogger.level = info
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n%ex
logger.nativecode.name = org.apache.hadoop.util.NativeCodeLoader
logger.nativecode.level = error
CONF
  echo "Spark 4.1.3 (Scala 2.13) assembled from Maven Central by metaclip-spark scripts/dev-cluster.sh" > "$tmp/RELEASE"
  mkdir -p "$(dirname "$spark_home")"
  mv "$tmp" "$spark_home"
}

# A TCP port on 127.0.0.1 that nothing listens on now.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "dev-cluster: found no free port" >&2
  return 1
}

# Starts "$@" in the background with its output in $state/$name.log and records its PID (the
# command execs, so the PID is the JVM's own).
start() {
  local name="$1"
  shift
  "$@" > "$state/$name.log" 2>&1 < /dev/null &
  echo "$name $!" >> "$state/pids"
}

spark_daemon() {
  # The secret of the S3 endpoint stays with s3proxy: no Spark process inherits it.
  exec env -u S3PROXY_CREDENTIAL -u S3PROXY_IDENTITY \
    SPARK_HOME="$spark_home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 \
    "$java" -Xmx512m -cp "$spark_home/conf:$spark_home/jars/*" "$@"
}

up() {
  local workers=2 cores=1 memory=2g
  while (($#)); do
    case "$1" in
      --workers) workers="$2"; shift 2 ;;
      --worker-cores) cores="$2"; shift 2 ;;
      --worker-memory) memory="$2"; shift 2 ;;
      -h | --help) usage; exit 0 ;;
      *) echo "dev-cluster: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
  done
  if [[ -f "$state/pids" ]]; then
    echo "dev-cluster: already up (state in $state); run '$0 down' first" >&2
    exit 1
  fi
  assemble_spark_home
  mkdir -p "$state"
  : > "$state/pids"
  # From here on, a failure stops whatever was started.
  trap 'echo "dev-cluster: up failed; stopping what was started" >&2; down >&2' ERR

  local master_port ui_port s3_port
  master_port=$(free_port)
  ui_port=$(free_port)
  s3_port=$(free_port)
  local master="spark://127.0.0.1:$master_port"
  start master spark_daemon org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$master_port" --webui-port "$ui_port"
  for i in $(seq 1 "$workers"); do
    mkdir -p "$state/worker-$i"
    start "worker-$i" spark_daemon org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --webui-port 0 --cores "$cores" --memory "$memory" \
      --work-dir "$state/worker-$i" "$master"
  done

  mkdir -p "$state/s3proxy"
  local endpoint
  endpoint=$(S3PROXY_PORT="$s3_port" S3PROXY_DIR="$state/s3proxy" "$root/.ci/s3proxy/run.sh")
  echo "s3proxy $(cat "$state/s3proxy/pid")" >> "$state/pids"

  # Registered workers, from the master's JSON page.
  local alive=0
  for _ in $(seq 1 120); do
    alive=$(curl -s "http://127.0.0.1:$ui_port/json/" | grep -o '"aliveworkers" *: *[0-9]*' | grep -o '[0-9]*$' || true)
    if [[ "${alive:-0}" -ge "$workers" ]]; then
      break
    fi
    sleep 0.5
  done
  if [[ "${alive:-0}" -lt "$workers" ]]; then
    echo "dev-cluster: ${alive:-0} of $workers workers registered after 60 s; see $state/*.log" >&2
    false
  fi
  trap - ERR
  {
    echo "export METACLIP_MASTER=$master"
    echo "export METACLIP_MASTER_UI=http://127.0.0.1:$ui_port"
    echo "export METACLIP_S3_ENDPOINT=$endpoint"
    echo "export SPARK_HOME=$spark_home"
    echo "export SPARK_SCALA_VERSION=2.13"
    echo "export SPARK_LOCAL_IP=127.0.0.1"
  } | tee "$state/env"
  echo "dev-cluster: master $master with $workers worker(s), S3 endpoint $endpoint; logs in $state" >&2
}

# Stops the recorded PIDs: TERM, then KILL after 15 s. A PID whose process no longer runs our
# command line (reused by another program) is left alone.
down() {
  if [[ ! -f "$state/pids" ]]; then
    echo "dev-cluster: not up (no $state/pids)" >&2
    return 0
  fi
  local name pid
  local -a running=()
  while read -r name pid; do
    [[ -n "${pid:-}" ]] || continue
    if [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' < "/proc/$pid/cmdline" |
      grep -q -e 'org.apache.spark.deploy' -e 'org.gaul.s3proxy'; then
      kill "$pid" 2>/dev/null || true
      running+=("$pid")
    fi
  done < "$state/pids"
  for _ in $(seq 1 30); do
    local left=()
    for pid in "${running[@]}"; do
      if kill -0 "$pid" 2>/dev/null; then
        left+=("$pid")
      fi
    done
    running=("${left[@]}")
    ((${#running[@]})) || break
    sleep 0.5
  done
  for pid in "${running[@]}"; do
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -f "$state/pids" "$state/env"
  echo "dev-cluster: stopped" >&2
}

case "${1:-}" in
  up) shift; up "$@" ;;
  down) shift; down ;;
  -h | --help | help) usage ;;
  *) usage >&2; exit 2 ;;
esac
