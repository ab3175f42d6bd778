"""Term extraction quality on ACTER 1.5 French (corp, equi, wind), TermEval 2020 style.

The extractor runs on each domain's annotated texts; its output is flattened to
the unique lower-cased written forms of the kept candidates (every variant form
counts, as in ACTER's gold, which lists "aimant permanent" and "aimants
permanents" separately) and compared with the gold list of unique lower-cased
terms *including named entities* (``<domain>_fr_terms_nes.tsv``).
Precision, recall and F1 as in TermEval 2020. ACTER is used to measure only.

    python bench/acter_eval.py [--models DIR] [--cache-dir DIR] [--top N] [--json OUT] [--curve]

``--curve`` also prints F1 at other cut-offs (for analysis; the headline figure is
a cut-off that only depends on corpus size: one candidate per 80 words).
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

from termkit.extract import extract_terms  # noqa: E402
from termkit.nlp import Parser, default_cache_dir  # noqa: E402
from termkit.sources import read_all  # noqa: E402

DOMAINS = ("corp", "equi", "wind")


def gold_terms(domain: str) -> set[str]:
    path = SHARED / "data" / "acter" / "fr" / domain / "annotated" / "annotations" / "unique_annotation_lists"
    rows = (path / f"{domain}_fr_terms_nes.tsv").read_text(encoding="utf-8").splitlines()
    return {r.split("\t")[0].strip().lower() for r in rows if r.strip()}


def flat(cands) -> set[str]:
    return {v.form.lower() for c in cands for v in c.variants}


def prf(pred: set[str], gold: set[str]) -> dict:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(100 * p, 1), "recall": round(100 * r, 1), "f1": round(100 * f, 1),
            "predicted": len(pred), "gold": len(gold), "true_positives": tp}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", default=str(SHARED / "models" / "stanza_resources"))
    ap.add_argument("--cache-dir", default=str(default_cache_dir()))
    ap.add_argument("--top", type=int, default=None, help="keep N candidates (default: one per --words-per-term words)")
    ap.add_argument("--words-per-term", type=float, default=80.0)
    ap.add_argument("--curve", action="store_true")
    ap.add_argument("--json", default=str(ROOT / "bench" / "results" / "acter.json"))
    args = ap.parse_args()

    parser = Parser.from_options(args.models, cache_dir=args.cache_dir)
    results = {}
    for domain in DOMAINS:
        texts = sorted((SHARED / "data" / "acter" / "fr" / domain / "annotated" / "texts").glob("*.txt"))
        docs = parser.parse(read_all([str(t) for t in texts]))
        t0 = time.perf_counter()
        cands = extract_terms(docs)
        seconds = time.perf_counter() - t0
        gold = gold_terms(domain)
        n_words = sum(len(s.words) for d in docs for s in d.sentences)
        top = args.top or round(n_words / args.words_per_term)
        res = prf(flat(cands[:top]), gold)
        res.update({"candidates": len(cands), "kept": top, "extract_s": round(seconds, 2),
                    "words": n_words})
        if args.curve:
            res["curve"] = {n: prf(flat(cands[:n]), gold)["f1"] for n in (250, 500, 750, 1000, 1500, 2000, 3000)}
        results[domain] = res
        print(domain, json.dumps(res), flush=True)
    avg = {k: round(sum(results[d][k] for d in DOMAINS) / len(DOMAINS), 1) for k in ("precision", "recall", "f1")}
    results["average"] = avg
    print("average", json.dumps(avg))
    if not args.top:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
