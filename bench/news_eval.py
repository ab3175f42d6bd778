"""Extraction for news: `termkit extract` and `glossary build` (their selections) on the news
gold, per profile, and the types of the names.

    python bench/news_eval.py [--half report|tune] [--cache-dir DIR] [--json bench/results/news.json]

The gold is bench/data/news_gold.tsv: 88 WMT14 dev documents, split by document, fixed (sorted
docids alternately tune and report). The shipped news model is trained on the tune half
(`termkit ranker train --gold ... --half tune`), so the report half's figures are the ones that
count; the tune half's are in-sample and printed only when asked for.

Each document is extracted on its own, as a translator would (one article). Scoring is TermEval's:
unique lower-cased written forms, pooled over documents as (document, form) pairs. Also given:
the half extracted as one corpus (the unit of the earlier "unseen news" figure), the
French-origin documents alone, `glossary build`'s selection (the model's review threshold) and
the type accuracy of the gold names the extractor finds (its type against the gold's), and the
share of the gold that `glossary build` (defaults, one article and its English at a time) gives
with the right English.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from termkit.extract import ExtractOptions, extract_terms  # noqa: E402
from termkit.extract.ranker import PROFILES, load_model, shipped_model_path  # noqa: E402
from termkit.extract.training import flat_scores  # noqa: E402
from termkit.glossary.build import BuildOptions, build_glossary  # noqa: E402
from termkit.glossary.equivalents.training import is_right  # noqa: E402
from termkit.nlp import Parser, default_cache_dir  # noqa: E402
from termkit.sources import read_documents  # noqa: E402
from termkit.textnorm import fold  # noqa: E402

SRC = SHARED / "data" / "wmt14-fr-en" / "newstest2014-dev-fren-src.fr.sgm"
REF = SHARED / "data" / "wmt14-fr-en" / "newstest2014-dev-fren-ref.en.sgm"
GOLD = ROOT / "bench" / "data" / "news_gold.tsv"


def read_gold() -> list[dict]:
    """The gold rows."""
    lines = [ln for ln in GOLD.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t"))) for ln in lines[1:]]


def pooled(per_doc: dict[str, list], gold: dict[str, set[str]]) -> dict:
    """Precision, recall and F1 of (document, form) pairs over the documents."""
    tp = pred = want = 0
    for doc, cands in per_doc.items():
        s = flat_scores(cands, gold[doc])
        tp, pred, want = tp + s["true_positives"], pred + s["predicted"], want + s["gold"]
    p, r = tp / pred if pred else 0.0, tp / want if want else 0.0
    return {"precision": round(100 * p, 1), "recall": round(100 * r, 1),
            "f1": round(200 * p * r / (p + r), 1) if p + r else 0.0, "predicted": pred, "gold": want,
            "true_positives": tp}


def types(per_doc_all: dict[str, list], rows: list[dict]) -> dict:
    """The extractor's type of each gold name it finds, against the gold's type."""
    right, seen, confusions = 0, 0, Counter()
    for r in rows:
        if r["kind"] != "name":
            continue
        cand = next((c for c in per_doc_all[r["doc"]] if fold(r["fr"]) in {fold(v.form) for v in c.variants}), None)
        if cand is None:
            continue
        seen += 1
        if cand.type == r["type"]:
            right += 1
        else:
            confusions[f"{r['type']}->{cand.type}"] += 1
    return {"names_found": seen, "type_right": right, "accuracy": round(100 * right / seen, 1) if seen else 0.0,
            "confusions": dict(confusions.most_common(8))}


def english_share(parsed: list, en_of: dict[str, str], rows: list[dict]) -> dict:
    """`glossary build` with its defaults on each document and its English, one article at a time
    (as a terminologist would): for each gold row (document, French form), whether the built
    glossary holds the concept (the form among its French forms) and its English is right (one of
    the gold's forms, case, accents and plural ignored), names and terms apart, raw counts."""
    out: dict[str, Counter] = {"name": Counter(), "term": Counter()}
    for doc in parsed:
        glossary, _ = build_glossary([doc], [en_of[doc.id]], options=BuildOptions())
        by_form = {fold(f): c for c in glossary.concepts for f in c.fr_forms()}
        for r in (r for r in rows if r["doc"] == doc.id):
            s = out[r["kind"]]
            s["gold"] += 1
            c = by_form.get(fold(r["fr"]))
            if c is None:
                continue
            s["in_glossary"] += 1
            if c.en:
                s["with_english"] += 1
                s["right"] += is_right(c.en, [a.strip() for a in r["en"].split("|")])
    res = {k: dict(v) | {"right_share": round(100 * v["right"] / v["gold"], 1) if v["gold"] else 0.0,
                         "precision": round(100 * v["right"] / v["with_english"], 1) if v["with_english"] else 0.0}
           for k, v in out.items()}
    total = Counter(out["name"]) + Counter(out["term"])
    res["all"] = dict(total) | {"right_share": round(100 * total["right"] / total["gold"], 1) if total["gold"] else 0.0}
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=["report", "tune"], default="report")
    ap.add_argument("--models", default=None)
    ap.add_argument("--cache-dir", default=None)
    ap.add_argument("--json", default=None)
    args = ap.parse_args()
    parser = Parser.from_options(args.models, cache_dir=args.cache_dir or default_cache_dir())
    rows = [r for r in read_gold() if r["half"] == args.half]
    gold: dict[str, set[str]] = {}
    for r in rows:
        gold.setdefault(r["doc"], set()).add(r["fr"].lower())
    french_origin = {r["doc"] for r in rows if r["source"] == "equiv_gold"}
    docs = [d for d in read_documents(str(SRC)) if d.id in gold]
    parsed = parser.parse(docs)
    results: dict = {"half": args.half, "documents": len(parsed), "gold_forms": sum(map(len, gold.values()))}
    every = {d.id: extract_terms([d], ExtractOptions(ranker=None, keep_all=True)) for d in parsed}
    results["candidates_recall"] = pooled(every, gold)["recall"]
    for profile in PROFILES:
        model = load_model(shipped_model_path(profile))
        out = {}
        for label, review in (("extract", False), ("glossary_build", True)):
            per_doc = {d.id: extract_terms([d], ExtractOptions(ranker=model, review=review)) for d in parsed}
            out[label] = pooled(per_doc, gold)
            out[label + "_french_origin"] = pooled({k: v for k, v in per_doc.items() if k in french_origin}, gold)
        whole = extract_terms(parsed, ExtractOptions(ranker=model))
        all_gold = {g for doc in gold.values() for g in doc}
        out["extract_whole_half_as_one_corpus"] = flat_scores(whole, all_gold)
        fr_whole = extract_terms([d for d in parsed if d.id in french_origin], ExtractOptions(ranker=model))
        out["extract_french_origin_as_one_corpus"] = flat_scores(
            fr_whole, {g for doc in french_origin for g in gold[doc]})
        out["thresholds"] = {"extract": model.threshold, "glossary_build": model.review_threshold}
        results[profile] = out
        print(f"{profile}: extract {out['extract']}, glossary build {out['glossary_build']}", file=sys.stderr)
    results["types"] = types(every, rows)
    en_of = {d.id: d.text for d in read_documents(str(REF))}
    results["glossary_build_english"] = english_share(parsed, en_of, rows)
    print(f"glossary build, right English: {results['glossary_build_english']}", file=sys.stderr)
    print(json.dumps(results, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
