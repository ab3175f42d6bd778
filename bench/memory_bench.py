"""Bounded memory on any input: peak RSS of `termkit parse` and `termkit extract` on single-line texts.

The input is French news from the WMT14 dev half in ../shared, every segment joined with a
space into ONE line (no line break at all), cut to each size; bigger sizes repeat it.
Each run is a whole `termkit` process (`--workers 1`: one Stanza pipeline) whose resident
memory, with any child processes, is sampled every 0.2 s (/proc/PID/status VmRSS), so the
peak includes Python, PyTorch and the Stanza models.

    python bench/memory_bench.py [--sizes 0.25,0.5,1,2] [--big 5] [--huge 50 --huge-seconds 240]

* growth: `termkit extract` with a cold parse cache at each size: peak RSS and peak RSS per MB;
* big: `termkit parse` then `termkit extract` (the latter from the parse cache) end to end;
* huge: `termkit extract` on a 50 MB single line, sampled for --huge-seconds, then stopped
  (parsing 50 MB takes hours on 2 cores); the figure is the highest RSS seen while it ran.

Results in bench/results/memory.json.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SRC = SHARED / "data" / "wmt14-fr-en" / "newstest2014-dev-fren-src.fr.sgm"
MODELS = SHARED / "models" / "stanza_resources"


def single_line(mb: float) -> str:
    text = SRC.read_text(encoding="utf-8")
    line = " ".join(html.unescape(s) for s in re.findall(r"<seg[^>]*>(.*?)</seg>", text, re.S))
    n = int(mb * 1_000_000)
    return ((line + " ") * (n // (len(line) + 1) + 1))[:n].rstrip() + "\n"


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and its descendants."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) * 1024
            todo += [int(c) for t in Path(f"/proc/{p}/task").iterdir()
                     for c in (t / "children").read_text().split()]
        except (OSError, AttributeError, ValueError):
            continue
    return total


def run(args: list[str], limit: float | None = None) -> dict:
    """Run termkit, sampling its RSS; stop it after ``limit`` seconds if given."""
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "termkit", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    peak, samples = 0, []
    while proc.poll() is None:
        rss = tree_rss(proc.pid)
        if rss:
            peak = max(peak, rss)
            samples.append((round(time.monotonic() - start, 1), rss))
        if limit and time.monotonic() - start > limit:
            proc.terminate()
            proc.wait()
            break
        time.sleep(0.2)
    err = proc.stderr.read() if proc.stderr else ""
    every = max(1, len(samples) // 40)
    return {"seconds": round(time.monotonic() - start, 1), "returncode": proc.returncode,
            "peak_rss_mb": round(peak / 1e6, 1), "stopped_after_limit": bool(limit and proc.returncode != 0),
            "rss_mb_over_time": [(t, round(r / 1e6)) for t, r in samples[::every]], "stderr_tail": err[-300:]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="0.25,0.5,1,2")
    ap.add_argument("--big", type=float, default=5.0)
    ap.add_argument("--huge", type=float, default=50.0)
    ap.add_argument("--huge-seconds", type=float, default=240.0)
    ap.add_argument("--json", default=str(ROOT / "bench" / "results" / "memory.json"))
    ap.add_argument("--keep", action="store_true", help="keep the parts of an earlier result not rerun now")
    args = ap.parse_args()
    previous = Path(args.json)
    out: dict = json.loads(previous.read_text()) if previous.exists() and args.keep else {}
    out.update({"input": "WMT14 dev French segments joined into one line", "machine_cores": os.cpu_count()})
    if args.sizes:
        out["growth"] = []
    with tempfile.TemporaryDirectory() as tmp:
        models = ["--models", str(MODELS), "-q", "--workers", "1"]
        for mb in [float(x) for x in args.sizes.split(",") if x]:
            path = Path(tmp) / f"line-{mb}.txt"
            path.write_text(single_line(mb), encoding="utf-8")
            r = run(["extract", str(path), *models, "--cache-dir", str(Path(tmp) / f"cache-{mb}"), "--top", "10"])
            r.update(mb=mb, peak_rss_per_input_mb=round(r["peak_rss_mb"] / mb, 1))
            print(f"extract {mb} MB: {r['seconds']} s, peak {r['peak_rss_mb']} MB", file=sys.stderr)
            out["growth"].append(r)
        if args.big:
            path = Path(tmp) / "big.txt"
            path.write_text(single_line(args.big), encoding="utf-8")
            cache = str(Path(tmp) / "cache-big")
            p = run(["parse", str(path), *models, "--cache-dir", cache, "-o", str(Path(tmp) / "big.conllu")])
            e = run(["extract", str(path), *models, "--cache-dir", cache, "-o", str(Path(tmp) / "big.tsv")])
            out["big"] = {"mb": args.big, "parse": p, "extract_after_parse": e}
            print(f"big {args.big} MB: parse {p['seconds']} s peak {p['peak_rss_mb']} MB; extract {e['seconds']} s "
                  f"peak {e['peak_rss_mb']} MB", file=sys.stderr)
        if args.huge:
            path = Path(tmp) / "huge.txt"
            path.write_text(single_line(args.huge), encoding="utf-8")
            h = run(["extract", str(path), *models, "--cache-dir", str(Path(tmp) / "cache-huge")], args.huge_seconds)
            out["huge"] = {"mb": args.huge, **h}
            print(f"huge {args.huge} MB: peak {h['peak_rss_mb']} MB over {h['seconds']} s", file=sys.stderr)
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
