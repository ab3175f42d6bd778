"""Parsing on every core: `termkit parse` with 1 and 2 worker processes, cold cache.

Corpus: the 57 French-origin documents of the WMT14 dev half in ../shared (~17,000 words).
Each run is a whole process (`termkit parse --no-cache -q --workers N -o OUT`), model
loading included, best of --repeat; the outputs of every run must be byte-identical.

    python bench/scale_bench.py [--workers 1,2] [--repeat 2] [--gpu] [--json bench/results/scale.json]

Target (issue 18): 2 workers on 2 cores >= 1.7x one worker. `--gpu` adds runs with --gpu
(on a machine with CUDA; here there is none, so the GPU figure is not measured).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from termkit.sources import read_documents  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", default=str(SHARED / "models" / "stanza_resources"))
    ap.add_argument("--sgm", default=str(SHARED / "data" / "wmt14-fr-en" / "newstest2014-dev-fren-src.fr.sgm"))
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--gpu", action="store_true")
    ap.add_argument("--json", default=str(ROOT / "bench" / "results" / "scale.json"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        docs = [d for d in read_documents(args.sgm) if d.attrs.get("origlang") == "fr"]
        src = Path(tmp) / "fr-origin.sgm"
        src.write_text("<srcset>\n" + "".join(
            f'<doc docid="{d.id}">\n' + "".join(f'<seg id="{s.id}">{d.text[s.start:s.end]}</seg>\n'
                                               for s in d.segments) + "</doc>\n" for d in docs) + "</srcset>\n",
            encoding="utf-8")
        words = None
        runs: dict[str, dict] = {}
        digests = set()
        for mode in [("cpu", int(w)) for w in args.workers.split(",")] + ([("gpu", 1)] if args.gpu else []):
            label = f"{mode[0]}-{mode[1]}"
            times = []
            for _ in range(args.repeat):
                out = Path(tmp) / f"{label}.conllu"
                cmd = [sys.executable, "-m", "termkit", "parse", str(src), "--models", args.models, "--no-cache",
                       "-q", "--workers", str(mode[1]), "-o", str(out)] + (["--gpu"] if mode[0] == "gpu" else [])
                t0 = time.perf_counter()
                proc = subprocess.run(cmd, capture_output=True, text=True)
                times.append(time.perf_counter() - t0)
                if proc.returncode:
                    raise SystemExit(proc.stderr)
                data = out.read_bytes()
                digests.add(hashlib.sha256(data).hexdigest())
                words = words or sum(1 for line in data.decode().splitlines() if line[:1].isdigit() and "-" not in
                                     line.split("\t", 1)[0])
            runs[label] = {"seconds": round(min(times), 2), "all": [round(t, 2) for t in times],
                           "words_per_s": round(words / min(times))}
            print(label, runs[label], file=sys.stderr)
    base = runs["cpu-1"]["seconds"]
    result = {"documents": len(docs), "words": words, "runs": runs,
              "speedup": {k: round(base / v["seconds"], 2) for k, v in runs.items()},
              "identical_outputs": len(digests) == 1, "target_2_workers": 1.7,
              "gpu": "measured" if args.gpu else "not measured (no CUDA device on this machine)"}
    Path(args.json).write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
