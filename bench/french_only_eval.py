"""English from the French alone: `glossary build --fr ARTICLE` with no English, one article at a
time (a translator with a new article), scored against the names and terms of the news gold.

    python bench/french_only_eval.py [--half tune|report|both] [--cache-dir DIR] [--show] [--json FILE]

The gold is bench/data/news_gold.tsv (88 WMT14 dev documents, split by document, fixed: sorted
docids alternately tune and report). While developing, run --half tune (the default) and --show
its rows; the report half prints totals only and decides nothing. A gold name counts as right
when the concept whose French forms hold it has an English form (preferred or variant: a short
form or acronym grouped under its concept counts) equal to one of the gold's (case, accents and
plural -s ignored); right_preferred counts the preferred English only.

Figures: names proposed, right among proposed (precision), right among all gold names (the
issue's target: >= 60% at >= 95% precision); terms: top suggestion right.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from equiv_eval import is_right as right  # noqa: E402  (case, accents and plural -s ignored)
from news_eval import SRC  # noqa: E402
from news_eval import read_gold as read_news_gold  # noqa: E402

from termkit.check import read_inputs  # noqa: E402
from termkit.glossary.build import BuildOptions, build_glossary  # noqa: E402
from termkit.nlp import Parser, default_cache_dir  # noqa: E402
from termkit.sources import SourceDocument  # noqa: E402
from termkit.textnorm import fold  # noqa: E402

REF = SRC.with_name("newstest2014-dev-fren-ref.en.sgm")


def read_gold() -> list[dict]:
    """The news gold's rows, with ``en`` as a list of right alternatives."""
    return [r | {"en": [a.strip() for a in r["en"].split("|")]} for r in read_news_gold()]


def score(gold: list[dict], concepts_by_doc: dict[str, list]) -> dict:
    """Counts for names and terms: gold, extracted, proposed, right."""
    out: dict[str, Counter] = {"name": Counter(), "term": Counter()}
    rows = []
    for r in gold:
        c = out[r["kind"]]
        c["gold"] += 1
        concept = next((x for x in concepts_by_doc.get(r["doc"], []) if fold(r["fr"]) in {fold(f) for f in x.fr_forms()}),
                       None)
        if concept is None:
            rows.append((r, None, "missed by extraction"))
            continue
        c["extracted"] += 1
        if concept.en:
            c["proposed"] += 1
            ok = any(right(f, r["en"]) for f in concept.en_forms())  # a short form grouped under it counts
            c["right"] += ok
            c["right_preferred"] += right(concept.en, r["en"])
            rows.append((r, concept, "right" if ok else "WRONG"))
        else:
            top = concept.en_suggestions[0].split(" (")[0] if concept.en_suggestions else ""
            c["suggested"] += bool(top)
            c["top_suggestion_right"] += right(top, r["en"])
            rows.append((r, concept, "abstained"))
    return {"counts": {k: dict(v) for k, v in out.items()}, "rows": rows}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=["tune", "report", "both"], default="tune")
    ap.add_argument("--models", default=None)
    ap.add_argument("--cache-dir", default=None)
    ap.add_argument("--show", action="store_true", help="print the tune half's rows (never the report half's)")
    ap.add_argument("--json", default=None, help="write the totals here (e.g. bench/results/french_only.json)")
    args = ap.parse_args()
    parser = Parser.from_options(args.models, cache_dir=args.cache_dir or default_cache_dir())
    docs = read_inputs([str(SRC), str(REF)])
    order = sorted(d.id for d in docs)
    half_of = {doc: ("tune" if k % 2 == 0 else "report") for k, doc in enumerate(order)}
    gold = read_gold()
    halves = ["tune", "report"] if args.half == "both" else [args.half]
    results = {}
    for half in halves:
        chosen = [d for d in docs if half_of[d.id] == half]
        parsed = parser.parse([SourceDocument(d.id, d.fr_text) for d in chosen])
        start = time.perf_counter()
        concepts = {p.id: build_glossary([p], None, None, BuildOptions())[0].concepts for p in parsed}
        took = time.perf_counter() - start
        result = score([r for r in gold if r["half"] == half], concepts)
        counts = result["counts"]
        n = counts["name"]
        print(f"{half} half ({len(chosen)} documents, build {took:.1f} s, parse excluded)")
        for kind in ("name", "term"):
            c = counts[kind]
            prec = c.get("right", 0) / c["proposed"] if c.get("proposed") else 0.0
            print(f"  {kind}s: gold {c['gold']}, extracted {c.get('extracted', 0)}, proposed {c.get('proposed', 0)}, "
                  f"right {c.get('right', 0)} (precision {prec:.1%}, {c.get('right', 0) / c['gold']:.1%} of the gold; "
                  f"preferred form right {c.get('right_preferred', 0)}); "
                  f"abstained with a suggestion {c.get('suggested', 0)}, top suggestion right "
                  f"{c.get('top_suggestion_right', 0)}")
        if args.show and half == "tune":
            for r, concept, verdict in result["rows"]:
                if r["kind"] == "name" and verdict in ("WRONG", "abstained"):
                    print(f"    {verdict:9} {r['doc']:22} {r['fr']!r} -> {concept.en if concept else ''!r} "
                          f"(gold {'|'.join(r['en'])}; {concept.type if concept else ''}; "
                          f"{concept.evidence if concept else ''})")
        results[half] = {"documents": len(chosen), "build_s": round(took, 1), **counts,
                         "names_precision": round(n.get("right", 0) / max(n.get("proposed", 0), 1), 4),
                         "names_right_of_gold": round(n.get("right", 0) / n["gold"], 4)}
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
