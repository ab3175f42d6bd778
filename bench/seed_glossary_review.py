"""How many glossary concepts got a correct English equivalent automatically, before review.

Rebuilds the seed glossary automatically (termkit glossary build on seeds/*.fr.txt and
seeds/*.en.txt) into a temporary file and compares, for every approved concept of
glossaries/c5-critical-minerals.fr-en.tsv that came from an extracted candidate (same id),
the automatic English with the reviewed one. Correct = the reviewed preferred term equals
the automatic term or one of its automatic variants (case-insensitive, accents and
plural -s ignored). Where the builder abstained (no English, ranked suggestions), the row
counts as abstained, with whether its top suggestion is the reviewed English.

    python bench/seed_glossary_review.py [--json bench/results/seed_glossary.json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from termkit.glossary import read_tsv  # noqa: E402
from termkit.textnorm import en_key  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--glossary", default=str(ROOT / "glossaries" / "c5-critical-minerals.fr-en.tsv"))
    ap.add_argument("--models", default=str(ROOT.parent / "shared" / "models" / "stanza_resources"))
    ap.add_argument("--json", default=str(ROOT / "bench" / "results" / "seed_glossary.json"))
    args = ap.parse_args()
    seeds = ROOT / "seeds"
    with tempfile.TemporaryDirectory() as tmp:
        auto_path = Path(tmp) / "auto.tsv"
        cmd = [sys.executable, "-m", "termkit", "glossary", "build", "--fr", *sorted(map(str, seeds.glob("*.fr.txt"))),
               "--en", *sorted(map(str, seeds.glob("*.en.txt"))), "-o", str(auto_path), "-q", "--models", args.models]
        subprocess.run(cmd, check=True, cwd=tmp)  # an empty project: ./glossaries would hold these concepts
        auto = read_tsv(auto_path).by_id()
    reviewed = [c for c in read_tsv(args.glossary) if c.status == "approved"]
    from_candidates = [c for c in reviewed if c.id in auto]
    correct, wrong, abstained = [], [], []
    for c in from_candidates:
        a = auto[c.id]
        row = {"id": c.id, "fr": c.fr, "auto": a.en, "reviewed": c.en, "method": a.evidence.split(",")[0],
               "confidence": a.confidence}
        if not a.en:
            row["top_suggestion"] = a.en_suggestions[0].split(" (")[0] if a.en_suggestions else ""
            row["top_suggestion_right"] = en_key(row["top_suggestion"]) == en_key(c.en)
            abstained.append(row)
            continue
        ok = en_key(c.en) in {en_key(x) for x in a.en_forms()}
        (correct if ok else wrong).append(row)
    result = {
        "approved_concepts": len(reviewed),
        "from_extracted_candidates": len(from_candidates),
        "added_in_review": len(reviewed) - len(from_candidates),
        "automatic_english_correct": len(correct),
        "automatic_english_wrong": len(wrong),
        "abstained": len(abstained),
        "abstained_top_suggestion_right": sum(r["top_suggestion_right"] for r in abstained),
        "precision": round(len(correct) / (len(correct) + len(wrong)), 3) if correct or wrong else None,
        "auto_candidates_total": len(auto),
        "by_method": {m: {"correct": sum(c["method"] == m for c in correct), "wrong": sum(w["method"] == m for w in wrong)}
                      for m in sorted({x["method"] for x in correct + wrong})},
        "wrong": wrong,
        "abstained_rows": abstained,
    }
    Path(args.json).write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    print(json.dumps({k: v for k, v in result.items() if k not in ("wrong", "abstained_rows")}))
    for w in wrong:
        print(f"  wrong: {w['fr']!r}: auto {w['auto']!r} -> reviewed {w['reviewed']!r} ({w['method']})")


if __name__ == "__main__":
    main()
