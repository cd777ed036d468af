#!/usr/bin/env python3
"""Pass 1 in the style of MetaCLIP's Python scripts, as the speed baseline of scripts/bench-ingest.sh.

gzip line scan of a WAT shard, json.loads of each JSON payload line, urljoin, SHA-224 uuid, and
MetaCLIP-style spacing plus pyahocorasick (Debian: python3-ahocorasick) matching of every text.
Written for this project; it reproduces the shape of the work, not MetaCLIP's code.

usage: python-pass1-baseline.py SHARD.warc.wat.gz METADATA.json [REPS]
Prints one line per rep: seconds, uncompressed bytes, pairs, matched pairs.
"""
import gzip
import hashlib
import json
import sys
import time
from urllib.parse import urljoin

import ahocorasick

PUNCTUATION = [",", ".", ";", ":", "?", "!", "`"]


def spacing(text):
    text = " " + text + " "
    for p in PUNCTUATION:
        text = text.replace(p, " " + p + " ")
    return text.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def build(entries):
    automaton = ahocorasick.Automaton()
    for i, entry in enumerate(entries):
        if entry:
            key = " " + entry + " "
            ids = automaton.get(key, None)
            automaton.add_word(key, (ids or ()) + (i,))
    automaton.make_automaton()
    return automaton


def pass1(path, automaton):
    raw = 0
    pairs = 0
    matched = 0
    url = None
    with gzip.open(path, "rb") as f:
        for line in f:
            raw += len(line)
            if line.startswith(b"WARC-Target-URI:"):
                url = line[16:].strip().decode("utf-8")
                continue
            if not line.startswith(b"{"):
                continue
            record = json.loads(line)
            try:
                links = record["Envelope"]["Payload-Metadata"]["HTTP-Response-Metadata"]["HTML-Metadata"]["Links"]
            except (KeyError, TypeError):
                continue
            for link in links:
                if not isinstance(link, dict) or not str(link.get("path", "")).startswith("IMG@/src"):
                    continue
                src = link.get("url")
                if not isinstance(src, str):
                    continue
                image = urljoin(url, src.strip())
                uuid = hashlib.sha224(image.replace(" ", "").replace("\t", "").encode("utf-8")).hexdigest()[:24]
                for key in ("alt", "title", "data-image-title"):
                    text = link.get(key)
                    if not isinstance(text, str):
                        continue
                    text = text.replace("\n", " ").replace("\r", " ").strip()
                    if not text:
                        continue
                    pairs += 1
                    ids = set()
                    for _, found in automaton.iter(spacing(text)):
                        ids.update(found)
                    if ids:
                        matched += 1
    return raw, pairs, matched


def main():
    shard, metadata = sys.argv[1], sys.argv[2]
    reps = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    with open(metadata, encoding="utf-8") as f:
        automaton = build(json.load(f))
    for _ in range(reps):
        start = time.perf_counter()
        raw, pairs, matched = pass1(shard, automaton)
        print(f"{time.perf_counter() - start:.3f} {raw} {pairs} {matched}", flush=True)


if __name__ == "__main__":
    main()
