"""Benchmark: time `extract_terms` adds on top of parsing the same documents.

Corpus: the 57 French-origin documents of ../shared/data/wmt14-fr-en. Parsing is
timed without the cache and without model loading (the strictest comparison);
extraction is timed on the parsed documents (wordfreq load included), best of 3.

    python bench/extract_bench.py [--models DIR] [--json bench/results/extract_speed.json]

Targets: extraction (ranker included) <= 15% of parse time (issue 3); the ranker alone
(model file read + scoring) <= 10% of parse time (issue 13).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from termkit.extract import ExtractOptions, extract_terms  # noqa: E402
from termkit.extract.ranker import load_model  # noqa: E402
from termkit.nlp import Parser  # noqa: E402
from termkit.sources import read_documents  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", default=str(SHARED / "models" / "stanza_resources"))
    ap.add_argument("--sgm", default=str(SHARED / "data" / "wmt14-fr-en" / "newstest2014-dev-fren-src.fr.sgm"))
    ap.add_argument("--json", default=str(ROOT / "bench" / "results" / "extract_speed.json"))
    args = ap.parse_args()
    docs = [d for d in read_documents(args.sgm) if d.attrs.get("origlang") == "fr"]
    parser = Parser.from_options(args.models, cache_dir=None)
    t0 = time.perf_counter()
    parser.pipeline()
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    parsed = parser.parse(docs)
    parse = time.perf_counter() - t0
    runs, rank = [], []
    for _ in range(3):
        t0 = time.perf_counter()
        cands = extract_terms(parsed)
        runs.append(time.perf_counter() - t0)
        every = extract_terms(parsed, ExtractOptions(ranker=None, keep_all=True))
        t0 = time.perf_counter()
        load_model().score(every)
        rank.append(time.perf_counter() - t0)
    result = {
        "documents": len(docs),
        "words": sum(len(s.words) for d in parsed for s in d.sentences),
        "model_load_s": round(load, 2),
        "parse_s": round(parse, 2),
        "extract_s": round(min(runs), 3),
        "extract_over_parse": round(min(runs) / parse, 3),
        "ranker_s": round(min(rank), 3),
        "ranker_over_parse": round(min(rank) / parse, 4),
        "candidates_scored": len(every),
        "candidates_kept": len(cands),
        "target_max": 0.15,
        "ranker_target_max": 0.10,
    }
    Path(args.json).write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
