"""`glossary build --reference`: matching candidates against a reference termbase of a million
entries, in bounded memory (the termbase is streamed once; only matching entries are kept).

    python bench/reference_bench.py [--concepts 1000000] [--format tbx|tsv] [--json bench/results/reference.json]

Writes bench/synth.py's synthetic termbase as TBX v3 (or TSV), then, in a fresh process, matches
2,000 French forms (1,000 in the termbase, 1,000 not) and reports the time and the peak memory
(ru_maxrss) of that process. Target (issue 33): peak memory < 500 MB for 1M entries.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

CHILD = """
import resource, sys, time, json
sys.path.insert(0, {root!r})
from termkit.glossary.termbase import match_references
forms = json.load(open({forms!r}))
start = time.perf_counter()
found, conflicts = match_references([{path!r}], forms)
took = time.perf_counter() - start
print(json.dumps({{"found": len(found), "conflicts": len(conflicts), "seconds": round(took, 1),
                  "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}}))
"""


def main() -> None:
    from synth import synthetic_concepts

    from termkit.glossary.formats import write_glossary

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--concepts", type=int, default=1_000_000)
    ap.add_argument("--format", choices=["tbx", "tsv"], default="tbx")
    ap.add_argument("--json", default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"reference.{args.format}"
        start = time.perf_counter()
        write_glossary(synthetic_concepts(args.concepts), path, args.format)
        written = time.perf_counter() - start
        inside = [c.fr for k, c in enumerate(synthetic_concepts(args.concepts)) if k % (args.concepts // 1000) == 0]
        forms = inside[:1000] + [f"absent terme {k}" for k in range(1000)]
        (Path(tmp) / "forms.json").write_text(json.dumps(forms), encoding="utf-8")
        child = CHILD.format(root=str(ROOT), forms=str(Path(tmp) / "forms.json"), path=str(path))
        out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=True)
        result = {"concepts": args.concepts, "format": args.format, "file_mb": round(path.stat().st_size / 2**20, 1),
                  "write_s": round(written, 1), **json.loads(out.stdout)}
    print(json.dumps(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
