"""Parsing on every core: `termkit parse` with 1 and 2 worker processes, cold cache.

Corpus: the 57 French-origin documents of the WMT14 dev half in ../shared (~17,000 words).
Each run is a whole process (`termkit parse --no-cache -q --workers N -o OUT`), model
loading included, best of --repeat; the outputs of every run must be byte-identical.

    python bench/scale_bench.py [--workers 1,2] [--repeat 2] [--cluster 2] [--gpu] [--json bench/results/scale.json]

Targets (issue 18): 2 workers on 2 cores >= 1.7x one worker; a local Dask cluster of 2
workers within 15% of --workers 2. The ``ceiling`` figures say what 2 workers can give at
best here: imports + model loading, and parsing with the models loaded, in one process with
2 PyTorch threads and with 1; 2 perfectly balanced single-thread workers that load in
parallel cannot beat load(1 thread) + parse(1 thread) / 2. The peak RSS of each worker process is sampled. `--gpu`
adds runs with --gpu (on a machine with CUDA; here there is none: not measured).
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


def rss_tree(pid: int) -> dict[int, int]:
    """Resident bytes of a process and of each of its descendants."""
    out, todo = {}, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            out[p] = int(status.split("VmRSS:")[1].split()[0]) * 1024
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, IndexError, ValueError):
            continue
    return out


_PARSE_ONLY = """
import sys, time
t_start = time.perf_counter()
import torch
torch.set_num_threads(int(sys.argv[3]))
from termkit.nlp import Parser
from termkit.sources import read_documents
parser = Parser.from_options(sys.argv[1])
docs = read_documents(sys.argv[2])
parser.pipeline()
t0 = time.perf_counter()
parser.parse(docs)
print(t0 - t_start, time.perf_counter() - t0)
"""


def parse_only_seconds(models: str, src: str, threads: int) -> tuple[float, float]:
    """(imports and model loading, parsing) seconds in one process with ``threads`` PyTorch threads."""
    out = subprocess.run([sys.executable, "-c", _PARSE_ONLY, models, src, str(threads)], capture_output=True,
                         text=True, check=True, cwd=ROOT)
    load, parse = out.stdout.split()[-2:]
    return float(load), float(parse)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", default=str(SHARED / "models" / "stanza_resources"))
    ap.add_argument("--sgm", default=str(SHARED / "data" / "wmt14-fr-en" / "newstest2014-dev-fren-src.fr.sgm"))
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--gpu", action="store_true")
    ap.add_argument("--cluster", type=int, default=2, help="workers of a local Dask cluster (0: none)")
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
        cluster = None
        modes = [("cpu", int(w)) for w in args.workers.split(",")] + ([("gpu", 1)] if args.gpu else [])
        if args.cluster:
            from distributed import LocalCluster

            cluster = LocalCluster(n_workers=args.cluster, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            modes.append(("cluster", args.cluster))
        for mode in modes:
            label = f"{mode[0]}-{mode[1]}"
            times, peaks = [], {}
            for _ in range(args.repeat):
                out = Path(tmp) / f"{label}.conllu"
                cmd = [sys.executable, "-m", "termkit", "parse", str(src), "--models", args.models, "--no-cache",
                       "-q", "--workers", str(mode[1]), "-o", str(out)] + (["--gpu"] if mode[0] == "gpu" else [])
                if mode[0] == "cluster":
                    cmd += ["--cluster", cluster.scheduler_address]
                t0 = time.perf_counter()
                proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
                while proc.poll() is None:
                    for pid, rss in rss_tree(proc.pid).items():
                        peaks[pid] = max(peaks.get(pid, 0), rss)
                    time.sleep(0.2)
                times.append(time.perf_counter() - t0)
                if proc.returncode:
                    raise SystemExit(proc.stderr.read())
                data = out.read_bytes()
                digests.add(hashlib.sha256(data).hexdigest())
                words = words or sum(1 for line in data.decode().splitlines() if line[:1].isdigit() and "-" not in
                                     line.split("\t", 1)[0])
            ranked = sorted(peaks.values(), reverse=True)
            runs[label] = {"seconds": round(min(times), 2), "all": [round(t, 2) for t in times],
                           "words_per_s": round(words / min(times)),
                           "peak_rss_mb_per_process": [round(r / 1e6) for r in ranked if r > 50e6]}
            print(label, runs[label], file=sys.stderr)
        if cluster is not None:
            cluster.close()
        # the ceiling of --workers 2 here: one process already runs PyTorch on both cores
        (l2, p2), (l1, p1) = (parse_only_seconds(args.models, str(src), t) for t in (2, 1))
        ceiling = {"parse_seconds_1_process_2_threads": round(p2, 2), "parse_seconds_1_process_1_thread": round(p1, 2),
                   "load_seconds_2_threads": round(l2, 2), "load_seconds_1_thread": round(l1, 2),
                   # two perfectly balanced single-thread workers, loading in parallel, nothing else
                   "best_possible_speedup_2_workers": round((l2 + p2) / (l1 + p1 / 2), 2),
                   "best_possible_speedup_models_loaded": round(p2 / (p1 / 2), 2)}
        print("ceiling", ceiling, file=sys.stderr)
    base = runs["cpu-1"]["seconds"]
    if "cluster-2" in runs and "cpu-2" in runs:
        runs["cluster-2"]["vs_workers_2"] = round(runs["cluster-2"]["seconds"] / runs["cpu-2"]["seconds"], 2)
    result = {"documents": len(docs), "words": words, "runs": runs,
              "speedup": {k: round(base / v["seconds"], 2) for k, v in runs.items()},
              "identical_outputs": len(digests) == 1, "target_2_workers": 1.7, "ceiling": ceiling,
              "gpu": "measured" if args.gpu else "not measured (no CUDA device on this machine)"}
    Path(args.json).write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
