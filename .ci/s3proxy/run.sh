#!/usr/bin/env bash
# Starts s3proxy (filesystem backend) on 127.0.0.1:${S3PROXY_PORT:-18080} in the background and
# waits until it answers. Prints the endpoint. Used by .ci/run for the s3a tests and by
# scripts/dev-cluster.sh; stop it with `kill $(cat "$S3PROXY_DIR/pid")`. No authentication, unless
# S3PROXY_IDENTITY and S3PROXY_CREDENTIAL are set: then requests must be signed (AWS v2 or v4) with
# that access key and secret key.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${S3PROXY_PORT:-18080}"
dir="${S3PROXY_DIR:-$(mktemp -d)}"
mkdir -p "$dir/data"
if [[ ! -d "$here/target/lib" ]]; then
  (cd "$here" && mvn -B -q dependency:copy-dependencies -DoutputDirectory=target/lib) >&2
fi
umask 077 # the conf file may hold the secret key
if [[ -n "${S3PROXY_IDENTITY:-}" && -n "${S3PROXY_CREDENTIAL:-}" ]]; then
  auth="s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3PROXY_IDENTITY
s3proxy.credential=$S3PROXY_CREDENTIAL"
else
  auth="s3proxy.authorization=none"
fi
cat > "$dir/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$port
$auth
jclouds.provider=filesystem
jclouds.filesystem.basedir=$dir/data
CONF
umask 022
java -cp "$here/target/lib/*" org.gaul.s3proxy.Main --properties "$dir/s3proxy.conf" > "$dir/s3proxy.log" 2>&1 &
echo $! > "$dir/pid"
for _ in $(seq 1 60); do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "http://127.0.0.1:$port"
    exit 0
  fi
  sleep 0.5
done
echo "s3proxy did not start; see $dir/s3proxy.log" >&2
exit 1
