"""Sentence alignment quality on WMT14 FR/EN documents: termkit vs nltk's Gale-Church.

For each of the 88 documents of ../shared/data/wmt14-fr-en, the segment pairs are
the truth. Two settings, both aligned by termkit and by nltk.translate.gale_church
on the same units:

* merged: units are the segments, with about 1 in 8 adjacent pairs merged on the
  French side and, elsewhere, 1 in 8 on the English side (seeded), so the truth
  holds 1-1, 2-1 and 1-2 links;
* running: each document's segments joined into one running text per side, split
  into sentences by termkit's splitter (pysbd), then aligned: sentences and segments
  do not line up.

A link (set of French units, set of English units) is expanded into unit pairs; the
gold pairs are all French/English unit pairs that share a segment. Precision, recall
and F1 over pairs, micro-averaged over the documents.

    python bench/align_eval.py [--json bench/results/align.json]

Target (issue 4): F1 >= 0.97 for termkit.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from nltk.translate.gale_church import align_blocks  # noqa: E402

from termkit.align import AlignOptions, align, split_sentences  # noqa: E402
from termkit.sources import read_documents  # noqa: E402


def merge_units(segs: list[str], rng: random.Random, rate: float, forbid: set[int]) -> tuple[list[str], list[set[int]], set[int]]:
    units, ids, merged_at = [], [], set()
    k = 0
    while k < len(segs):
        if k + 1 < len(segs) and k not in forbid and k + 1 not in forbid and rng.random() < rate:
            units.append(segs[k] + " " + segs[k + 1])
            ids.append({k, k + 1})
            merged_at |= {k, k + 1}
            k += 2
        else:
            units.append(segs[k])
            ids.append({k})
            k += 1
    return units, ids, merged_at


def running_units(segs: list[str], lang: str) -> tuple[list[str], list[set[int]]]:
    text, bounds, pos = "", [], 0
    for s in segs:
        bounds.append((pos, pos + len(s)))
        text += s + " "
        pos += len(s) + 1
    units = split_sentences(text, lang)
    return [u.text for u in units], [{k for k, (a, b) in enumerate(bounds) if u.start < b and a < u.end} for u in units]


def gold_pairs(fr_ids: list[set[int]], en_ids: list[set[int]]) -> set[tuple[int, int]]:
    return {(i, j) for i, a in enumerate(fr_ids) for j, b in enumerate(en_ids) if a & b}


def score(pred: set, gold: set) -> tuple[int, int, int]:
    return len(pred & gold), len(pred), len(gold)


def prf(tp: int, np_: int, ng: int) -> dict:
    p, r = tp / np_ if np_ else 0, tp / ng if ng else 0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rate", type=float, default=0.125)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--anchor-weight", type=float, default=AlignOptions().anchor_weight)
    ap.add_argument("--json", default=str(ROOT / "bench" / "results" / "align.json"))
    args = ap.parse_args()
    data = SHARED / "data" / "wmt14-fr-en"
    src = read_documents(str(data / "newstest2014-dev-fren-src.fr.sgm"))
    ref = {d.id: d for d in read_documents(str(data / "newstest2014-dev-fren-ref.en.sgm"))}
    rng = random.Random(args.seed)
    opts = AlignOptions(anchor_weight=args.anchor_weight)
    totals = {(s, a): [0, 0, 0] for s in ("merged", "running") for a in ("termkit", "nltk")}
    seconds = {"termkit": 0.0, "nltk": 0.0}
    links = {"1-1": 0, "2-1": 0, "1-2": 0, "other": 0}
    for doc in src:
        fr = [doc.text[s.start:s.end] for s in doc.segments]
        en_doc = ref[doc.id]
        en = [en_doc.text[s.start:s.end] for s in en_doc.segments]
        fr_u, fr_ids, fr_m = merge_units(fr, rng, args.rate, set())
        en_u, en_ids, _ = merge_units(en, rng, args.rate, fr_m)
        settings = {"merged": (fr_u, fr_ids, en_u, en_ids),
                    "running": (*running_units(fr, "fr"), *running_units(en, "en"))}
        for setting, (fu, fi, eu, ei) in settings.items():
            gold = gold_pairs(fi, ei)
            t0 = time.perf_counter()
            ours = align(fu, eu, opts)
            seconds["termkit"] += time.perf_counter() - t0
            pred = {(i, j) for link in ours for i in link.src for j in link.tgt}
            totals[(setting, "termkit")] = [a + b for a, b in zip(totals[(setting, "termkit")], score(pred, gold))]
            if setting == "merged":
                for link in ours:
                    key = f"{len(link.src)}-{len(link.tgt)}"
                    links[key if key in links else "other"] += 1
            t0 = time.perf_counter()
            theirs = set(align_blocks([len(u) for u in fu], [len(u) for u in eu]))
            seconds["nltk"] += time.perf_counter() - t0
            totals[(setting, "nltk")] = [a + b for a, b in zip(totals[(setting, "nltk")], score(theirs, gold))]
    result = {f"{s}/{a}": prf(*v) for (s, a), v in totals.items()}
    result["documents"] = len(src)
    result["termkit_links_merged"] = links
    result["seconds"] = {k: round(v, 2) for k, v in seconds.items()}
    result["settings"] = {"rate": args.rate, "seed": args.seed, "anchor_weight": args.anchor_weight}
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
