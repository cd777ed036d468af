#!/usr/bin/env bash
# make-wiki-bench.sh COPIES OUT.xml.bz2
#
# Writes a larger pages-articles dump for the n-gram benchmark (docs/BENCHMARKS.md): the shared
# 206-page sample repeated COPIES times, each copy's page ids shifted by COPIES x 10,000,000 so that
# no two pages share an id, between one <mediawiki> header and footer. About 6.1 MB of XML per copy.
# Needs bzcat, awk and bzip2.
set -euo pipefail
copies="${1:?usage: make-wiki-bench.sh COPIES OUT.xml.bz2}"
out="${2:?usage: make-wiki-bench.sh COPIES OUT.xml.bz2}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sample="${SHARED_DIR:-$root/../shared}/data/wiki/enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2"
[[ -f "$sample" ]] || { echo "sample dump not found: $sample (set SHARED_DIR)" >&2; exit 2; }
bzcat "$sample" | awk -v copies="$copies" '
  # Split the sample into header (before the first <page>), pages, and footer (</mediawiki>).
  /^  <page>/ { inPages = 1 }
  /^<\/mediawiki>/ { footer = $0; next }
  { if (inPages) pages[n++] = $0; else print }
  END {
    for (c = 0; c < copies; c++) {
      for (i = 0; i < n; i++) {
        line = pages[i]
        # The page id is the only <id> indented by four spaces (revision ids have six).
        if (line ~ /^    <id>[0-9]+<\/id>$/) {
          id = substr(line, 9, length(line) - 13) + c * 10000000
          line = "    <id>" id "</id>"
        }
        print line
      }
    }
    print footer
  }' | bzip2 -c > "$out"
ls -l "$out" >&2
