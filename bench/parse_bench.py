"""Benchmark: `termkit parse` vs a bare stanza.Pipeline, and the warm-cache speed-up.

Corpus: the French-origin documents of ../shared/data/wmt14-fr-en (57 docs).
Each side runs as a whole process (Python start, imports, model load, parse),
on the CPU, with the same models. Runs alternate; the best of --repeat is kept.

    python bench/parse_bench.py [--repeat 2] [--models DIR] [--json bench/results/parse.json]

Targets (issue 2): cold termkit <= 1.10x bare Stanza; warm cache >= 20x faster than cold.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from termkit.sources import read_documents  # noqa: E402

BARE = r"""
import json, sys, stanza
from stanza import Document
texts = json.load(open(sys.argv[1], encoding="utf-8"))
nlp = stanza.Pipeline("fr", dir=sys.argv[2], processors="tokenize,mwt,pos,lemma,ner",
                      download_method=None, use_gpu=False, logging_level="WARN")
docs = nlp.bulk_process([Document([], text=t) for t in texts])
print(sum(d.num_words for d in docs))
"""


def timed(cmd: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--models", default=str(SHARED / "models" / "stanza_resources"))
    ap.add_argument("--sgm", default=str(SHARED / "data" / "wmt14-fr-en" / "newstest2014-dev-fren-src.fr.sgm"))
    ap.add_argument("--json", default=str(ROOT / "bench" / "results" / "parse.json"))
    args = ap.parse_args()

    docs = [d for d in read_documents(args.sgm) if d.attrs.get("origlang") == "fr"]
    env = dict(os.environ, CUDA_VISIBLE_DEVICES="", OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", "2"))
    termkit = [sys.executable, "-m", "termkit"]
    with tempfile.TemporaryDirectory() as tmp:
        sgm = Path(tmp) / "fr-origin.sgm"
        sgm.write_text(
            "<srcset>\n" + "".join(
                f'<doc docid="{d.id}" origlang="fr">\n'
                + "".join(f'<seg id="{s.id}">{d.text[s.start:s.end]}</seg>\n' for s in d.segments)
                + "</doc>\n" for d in docs) + "</srcset>\n", encoding="utf-8")
        texts = Path(tmp) / "texts.json"
        texts.write_text(json.dumps([d.text for d in read_documents(str(sgm))]), encoding="utf-8")
        script = Path(tmp) / "bare.py"
        script.write_text(BARE)
        bare, cold, warm = [], [], []
        for r in range(args.repeat):
            bare.append(timed([sys.executable, str(script), str(texts), args.models], env))
            cache = Path(tmp) / f"cache{r}"
            # one process, one pipeline, like the bare run (--workers 2 is measured in scale_bench.py)
            cmd = termkit + ["parse", str(sgm), "--models", args.models, "--cache-dir", str(cache), "-q",
                             "--workers", "1", "-o", os.devnull]
            cold.append(timed(cmd, env))
            warm.append(min(timed(cmd, env) for _ in range(3)))
    words = sum(len(d.text.split()) for d in docs)
    result = {
        "documents": len(docs),
        "segments": sum(len(d.segments) for d in docs),
        "whitespace_words": words,
        "bare_stanza_s": round(min(bare), 2),
        "termkit_cold_s": round(min(cold), 2),
        "termkit_warm_s": round(min(warm), 3),
        "cold_over_bare": round(min(cold) / min(bare), 3),
        "warm_speedup": round(min(cold) / min(warm), 1),
        "targets": {"cold_over_bare_max": 1.10, "warm_speedup_min": 20},
        "runs": {"bare": bare, "cold": cold, "warm": warm},
    }
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps({k: v for k, v in result.items() if k != "runs"}, indent=1))


if __name__ == "__main__":
    main()
