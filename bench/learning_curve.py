"""A ranker that learns from the team's reviews: the learning curve.

    python bench/learning_curve.py [--cache-dir DIR] [--json bench/results/learning_curve.json]

Simulates a team reviewing articles one by one with the news gold as its decisions, and scores
`termkit extract` (the F1 threshold) on the report documents after 0, 5, 10, 20 and all reviewed
articles. What a team reviews of an article is what `glossary build` puts before it: the
candidates the model keeps at its review threshold; the gold's are approved, the others rejected.
After each step the base model is adapted with every decision so far, exactly as
`termkit ranker train --glossary` does (termkit.extract.training.adapt).

Two bases, so that the reviewed articles are never ones the base model learnt from:
- news-half: a news model trained (`train_from_gold_table`'s way: one set per document, thresholds
  out of fold) on the tune documents of folds 1 and 2; the team reviews those of folds 3 and 4;
- specialised: the shipped ACTER model; the team reviews every tune document.
The report documents decide nothing here; they only score each step.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from news_eval import GOLD, SRC, pooled  # noqa: E402

from termkit.errors import TermkitError  # noqa: E402
from termkit.extract import ExtractOptions, extract_terms  # noqa: E402
from termkit.extract.ranker import load_model, shipped_model_path  # noqa: E402
from termkit.extract.training import Annotated, adapt, document_sets, read_gold_table, train  # noqa: E402
from termkit.nlp import Parser, default_cache_dir  # noqa: E402
from termkit.sources import read_documents  # noqa: E402
from termkit.textnorm import fold  # noqa: E402

STEPS = (0, 5, 10, 20)


def reviewed_set(model, doc, gold: set[str]) -> Annotated:
    """What a team decides on one article: the candidates kept for review, approved when gold."""
    kept = extract_terms([doc], ExtractOptions(ranker=model, review=True))
    keys = {fold(g) for g in gold}
    approved = {c.canonical for c in kept if any(fold(v.form) in keys for v in c.variants)}
    rejected = {c.canonical for c in kept} - approved
    cands = extract_terms([doc], ExtractOptions(ranker=None, keep_all=True))
    return Annotated(doc.id, cands, {a.lower() for a in approved}, {r.lower() for r in rejected})


def curve(base, review_docs, gold, report_docs, report_gold) -> list[dict]:
    """F1 on the report documents after each step of reviews."""
    out = []
    decided: list[Annotated] = []
    steps = [s for s in STEPS if s <= len(review_docs)] + [len(review_docs)]
    for n in dict.fromkeys(steps):
        while len(decided) < n:
            decided.append(reviewed_set(base, review_docs[len(decided)], gold[review_docs[len(decided)].id]))
        try:
            model = adapt(base, decided) if decided else base
            note = ""
        except TermkitError as exc:  # too few decisions yet: the shipped model is used, as the CLI does
            model, note = base, str(exc)
        per_doc = {d.id: extract_terms([d], ExtractOptions(ranker=model)) for d in report_docs}
        out.append({"reviewed_articles": n, "decisions": sum(len(s.candidates) for s in decided),
                    **pooled(per_doc, report_gold), **({"note": note} if note else {})})
        print(json.dumps(out[-1]), file=sys.stderr)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", default=None)
    ap.add_argument("--cache-dir", default=None)
    ap.add_argument("--json", default=None)
    args = ap.parse_args()
    parser = Parser.from_options(args.models, cache_dir=args.cache_dir or default_cache_dir())
    tune = read_gold_table(str(GOLD), "tune")
    report = read_gold_table(str(GOLD), "report")
    docs = {d.id: d for d in parser.parse([d for d in read_documents(str(SRC)) if d.id in tune or d.id in report])}
    tune_docs = sorted((docs[k] for k in tune), key=lambda d: d.id)
    report_docs = [docs[k] for k in sorted(report)]
    sets = document_sets(tune_docs, tune)
    base_sets = [s for s in sets if s.group in ("fold 1", "fold 2")]
    base = train(base_sets, None, {"profile": "news", "base_for": "learning curve"})
    base.meta["profile"] = "news"
    review_docs = [d for d, s in zip(tune_docs, sets) if s.group in ("fold 3", "fold 4")]
    results = {
        "news-half": curve(base, review_docs, tune, report_docs, report),
        "specialised": curve(load_model(shipped_model_path("specialised")), tune_docs, tune, report_docs, report),
    }
    print(json.dumps(results, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
