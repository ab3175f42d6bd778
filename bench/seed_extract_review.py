"""Does the default `termkit extract` output on the seeds hold what a glossary of the two articles needs?

The reference is the reviewed seed glossary (glossaries/c5-critical-minerals.fr-en.tsv): its
approved concepts are what a terminologist kept for the two articles (85, of which 28 were
added by hand). A concept is found when one of its French forms is a written form of a
candidate that `termkit extract seeds/*.fr.txt` keeps by default. Reported: found / approved,
split into names and terms; the kept candidates that are not in the glossary (noise); and
fragments: kept candidates whose words all sit inside another kept candidate and which the
glossary does not list on their own.

Note: the seeds were read while developing the whole-name rules, so this is a development
check, not a held-out figure; the ranker itself never saw the seeds (it is trained on ACTER).

    python bench/seed_extract_review.py [--json bench/results/seed_extract.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from termkit.extract import extract_terms  # noqa: E402
from termkit.glossary import read_tsv  # noqa: E402
from termkit.nlp import Parser, default_cache_dir  # noqa: E402
from termkit.sources import read_all  # noqa: E402
from termkit.textnorm import fold  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", default=str(ROOT.parent / "shared" / "models" / "stanza_resources"))
    ap.add_argument("--cache-dir", default=str(default_cache_dir()))
    ap.add_argument("--json", default=str(ROOT / "bench" / "results" / "seed_extract.json"))
    args = ap.parse_args()
    parser = Parser.from_options(args.models, cache_dir=args.cache_dir)
    kept = extract_terms(parser.parse(read_all(sorted(str(p) for p in (ROOT / "seeds").glob("*.fr.txt")))))
    glossary = [c for c in read_tsv(ROOT / "glossaries" / "c5-critical-minerals.fr-en.tsv") if c.status == "approved"]
    forms = {fold(v.form) for c in kept for v in c.variants}
    listed = {fold(f) for c in glossary for f in c.fr_forms()}
    found = {"names": [0, 0], "terms": [0, 0]}
    missed = []
    for c in glossary:
        kind = "terms" if c.type == "TERM" else "names"
        found[kind][1] += 1
        if any(fold(f) in forms for f in c.fr_forms()):
            found[kind][0] += 1
        else:
            missed.append(c.fr)
    noise = [c.canonical for c in kept if not any(fold(v.form) in listed for v in c.variants)]
    words = {c.canonical: fold(c.canonical).split() for c in kept}
    fragments = [a for a, wa in words.items() if fold(a) not in listed and any(
        b != a and len(wb) > len(wa) and any(wb[i:i + len(wa)] == wa for i in range(len(wb) - len(wa) + 1))
        for b, wb in words.items())]
    out = {"kept": len(kept), "approved": len(glossary),
           "found": sum(v[0] for v in found.values()),
           "names": {"found": found["names"][0], "of": found["names"][1]},
           "terms": {"found": found["terms"][0], "of": found["terms"][1]},
           "missed": missed, "not_in_glossary": noise, "fragments": fragments}
    print(json.dumps({k: v for k, v in out.items() if k not in ("missed", "not_in_glossary")}, ensure_ascii=False))
    Path(args.json).write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
