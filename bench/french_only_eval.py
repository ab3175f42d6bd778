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

from bench.split import half_of as split_halves  # noqa: E402
from termkit.check import read_inputs  # noqa: E402
from termkit.glossary.build import BuildOptions, build_glossary  # noqa: E402
from termkit.glossary.lexicon import (  # noqa: E402
    SOURCES,
    kept_as_is,
    load_lexicon,
    restrict,
    suggest_terms,
    word_translations,
)
from termkit.nlp import Parser, default_cache_dir  # noqa: E402
from termkit.sources import SourceDocument  # noqa: E402
from termkit.textnorm import FR_STOP, fold  # noqa: E402

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
            options = [s.split(" (")[0] for s in concept.en_suggestions[:3]]
            top = options[0] if options else ""
            c["suggested"] += bool(top)
            c["top_suggestion_right"] += right(top, r["en"])
            c["top3_suggestion_right"] += any(right(o, r["en"]) for o in options)
            rows.append((r, concept, "abstained"))
    return {"counts": {k: dict(v) for k, v in out.items()}, "rows": rows}


def term_sources(gold: list[dict], concepts_by_doc: dict[str, list]) -> dict[str, dict[str, int]]:
    """What each lexicon source brings to the terms, alone and left out: the extracted gold terms'
    suggestions recomputed with part of the lexicon (suggested, top-1 right, top-3 right)."""
    lexicon = load_lexicon()
    subsets = [(s,) for s in SOURCES] + [tuple(x for x in SOURCES if x != s) for s in SOURCES] + [SOURCES]
    out = {}
    for subset in subsets:
        part = restrict(lexicon, subset)
        c: Counter = Counter()
        for r in gold:
            if r["kind"] != "term":
                continue
            concept = next((x for x in concepts_by_doc.get(r["doc"], [])
                            if fold(r["fr"]) in {fold(f) for f in x.fr_forms()}), None)
            if concept is None or concept.type != "TERM":
                continue
            options = [o.en for o in suggest_terms(concept.fr, part)]
            c["suggested"] += bool(options)
            c["top1_right"] += bool(options) and right(options[0], r["en"])
            c["top3_right"] += any(right(o, r["en"]) for o in options)
        out["+".join(subset)] = dict(c)
    return out


def term_coverage(gold: list[dict]) -> dict[str, int]:
    """Gold terms all of whose content words the lexicon knows (a name, a number or an English word
    kept as it is counts as known in ``known_or_kept``)."""
    lexicon = load_lexicon()
    c: Counter = Counter()
    for r in gold:
        if r["kind"] != "term":
            continue
        c["gold"] += 1
        words = [w for w in r["fr"].replace("'", " ").replace("’", " ").split() if fold(w) not in FR_STOP]
        known = [bool(word_translations(w, lexicon)) for w in words]
        c["all_words_in_lexicon"] += all(known)
        c["all_words_known_or_kept"] += all(k or kept_as_is(w) is not None for k, w in zip(known, words))
    return dict(c)


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
    half_of = split_halves(d.id for d in docs)
    gold = read_gold()
    halves = ["tune", "report"] if args.half == "both" else [args.half]
    results = {}
    for half in halves:
        chosen = [d for d in docs if half_of[d.id] == half]
        parsed = parser.parse([SourceDocument(d.id, d.fr_text) for d in chosen])
        start = time.perf_counter()
        concepts = {p.id: build_glossary([p], None, None, BuildOptions())[0].concepts for p in parsed}
        took = time.perf_counter() - start
        gold_half = [r for r in gold if r["half"] == half]
        result = score(gold_half, concepts)
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
        t = counts["term"]
        print(f"  terms from the lexicon: gold {t['gold']}, extracted {t.get('extracted', 0)}, with a suggestion "
              f"{t.get('suggested', 0)}, top-1 right {t.get('top_suggestion_right', 0)}, any of 3 right "
              f"{t.get('top3_suggestion_right', 0)}")
        if half == "tune":  # what each source brings, and the lexicon's coverage: tune half only
            sources = term_sources(gold_half, concepts)
            for name, c in sources.items():
                print(f"    sources {name:22} suggested {c.get('suggested', 0)}, top-1 right {c.get('top1_right', 0)}, "
                      f"top-3 right {c.get('top3_right', 0)}")
            cov = term_coverage(gold_half)
            print(f"    coverage: of {cov['gold']} gold terms, all content words in the lexicon "
                  f"{cov['all_words_in_lexicon']}, known or kept as they are {cov['all_words_known_or_kept']}")
            counts["term_sources"] = sources
            counts["term_coverage"] = cov
        if args.show and half == "tune":
            for r, concept, _ in result["rows"]:
                if r["kind"] == "term" and concept is not None:
                    options = [x.split(" (")[0] for x in concept.en_suggestions[:3]]
                    mark = "ok " if options and right(options[0], r["en"]) else (
                        "ok3" if any(right(o, r["en"]) for o in options) else "-- ")
                    print(f"    term {mark} {r['fr']!r} gold {'|'.join(r['en'])} -> {' | '.join(options)}")
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
