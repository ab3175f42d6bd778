"""Benchmark: glossary export/import per format, and peak memory of a streaming TBX import.

    python bench/formats_bench.py [--n 100000] [--big 1000000] [--json bench/results/formats.json]

1. Export and import (read back) ``--n`` synthetic concepts as tbx (v3), tbx2, csv, tsv.
2. Write a ``--big``-concept TBX v2 file, then run ``termkit import`` on it in a child
   process and read its peak resident memory (target < 300 MB), and load the same file
   with translate-toolkit's ``tbxfile`` in another child process for comparison
   (its time and peak memory; it holds the whole document in memory).
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

from synth import synthetic_concepts  # noqa: E402

from termkit.glossary.formats import get_format, write_glossary  # noqa: E402

CHILD_IMPORT = "import sys; from termkit.cli import main; main(['import', sys.argv[1], '-o', sys.argv[2]])"
CHILD_TT = ("import sys\nfrom translate.storage.tbx import tbxfile\n"
            "with open(sys.argv[1], 'rb') as fh: store = tbxfile(fh)\nprint(len(store.units))")


def child(code: str, *args: str) -> tuple[float, float, str]:
    """Run Python ``code`` in a fresh process: (seconds, peak RSS in MB, stdout)."""
    t0 = time.perf_counter()
    # a fresh wrapper per measurement, so RUSAGE_CHILDREN is that child's own peak
    wrapper = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); print(r.stdout, end=''); "
               "sys.stderr.write(r.stderr); sys.exit(r.returncode)")
    proc = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-c", code, *args], capture_output=True,
                          text=True, cwd=ROOT)
    elapsed = time.perf_counter() - t0
    if proc.returncode:
        raise SystemExit(proc.stderr)
    peak_kb, _, out = proc.stdout.partition("\n")
    return elapsed, int(peak_kb) / 1024, out.strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--big", type=int, default=1_000_000)
    ap.add_argument("--json", default=str(ROOT / "bench" / "results" / "formats.json"))
    args = ap.parse_args()
    results: dict = {"n": args.n, "formats": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("tbx", "tbx2", "csv", "tsv"):
            path = Path(tmp) / f"g.{fmt}"
            t0 = time.perf_counter()
            write_glossary(synthetic_concepts(args.n), path, fmt)
            export_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            count = sum(1 for _ in get_format(fmt).read(str(path)))
            import_s = time.perf_counter() - t0
            assert count == args.n, (fmt, count)
            results["formats"][fmt] = {"export_s": round(export_s, 2), "import_s": round(import_s, 2),
                                       "mb": round(path.stat().st_size / 1e6, 1)}
            print(f"{fmt:5} {args.n} concepts: export {export_s:.2f} s, import {import_s:.2f} s, "
                  f"{path.stat().st_size / 1e6:.0f} MB", flush=True)
        tt_s, tt_mb, tt_out = child(CHILD_TT, str(Path(tmp) / "g.tbx2"))
        results["translate_toolkit_tbx_load"] = {"n": args.n, "s": round(tt_s, 2), "peak_mb": round(tt_mb)}
        print(f"translate-toolkit tbxfile load, {tt_out} units: {tt_s:.2f} s, peak {tt_mb:.0f} MB", flush=True)

        big = Path(tmp) / "big.tbx"
        write_glossary(synthetic_concepts(args.big), big, "tbx2")
        size = big.stat().st_size / 1e6
        imp_s, imp_mb, _ = child(CHILD_IMPORT, str(big), str(Path(tmp) / "big.fr-en.tsv"))
        results["big_import"] = {"n": args.big, "file_mb": round(size), "s": round(imp_s, 1), "peak_mb": round(imp_mb)}
        print(f"termkit import {args.big} concepts ({size:.0f} MB TBX v2): {imp_s:.1f} s, peak {imp_mb:.0f} MB "
              f"(target < 300 MB)", flush=True)
        tt_s, tt_mb, tt_out = child(CHILD_TT, str(big))
        results["big_translate_toolkit"] = {"n": args.big, "s": round(tt_s, 1), "peak_mb": round(tt_mb)}
        print(f"translate-toolkit tbxfile load of the same file: {tt_s:.1f} s, peak {tt_mb:.0f} MB", flush=True)
    Path(args.json).write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
