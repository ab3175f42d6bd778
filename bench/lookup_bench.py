"""Benchmark: `termkit lookup` latency in a large synthetic termbase.

    python bench/lookup_bench.py [--n 1000000] [--queries 1000] [--json bench/results/lookup.json]

Writes an ``--n``-concept TSV glossary (bench/synth.py), builds its lookup index (timed),
then times ``--queries`` lookups of each kind in-process: exact (a preferred French
term), accent-less (the term folded and upper-cased: KIRGHIZISTAN-style), and fuzzy
(one letter of a word replaced: Kirgizistan-style), reporting p50/p95 in ms and the
share of queries whose concept comes first. Finally the whole-process time of one
``termkit lookup`` call on the indexed termbase (median of 10 runs).
Targets (issue 6): p95 < 10 ms exact and accent-less, < 50 ms fuzzy; one call < 0.5 s.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synth import synthetic_concepts  # noqa: E402

from termkit.glossary import write_tsv  # noqa: E402
from termkit.lookup import Lookup  # noqa: E402
from termkit.textnorm import fold  # noqa: E402


def typo(term: str, rng: random.Random) -> str:
    """Replace one letter (not the first) of the longest word."""
    words = term.split()
    k = max(range(len(words)), key=lambda i: len(words[i]))
    w = words[k]
    i = rng.randrange(1, len(w))
    words[k] = w[:i] + rng.choice([c for c in "abcdefghijklmnopqrstuvwxyz" if c != w[i]]) + w[i + 1:]
    return " ".join(words)


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--json", default=str(ROOT / "bench" / "results" / "lookup.json"))
    args = ap.parse_args()
    rng = random.Random(7)
    results: dict = {"n": args.n, "queries": args.queries}
    with tempfile.TemporaryDirectory() as tmp:
        gloss = Path(tmp) / "big.fr-en.tsv"
        write_tsv(synthetic_concepts(args.n), gloss)
        cache = Path(tmp) / "cache"
        t0 = time.perf_counter()
        finder = Lookup([str(gloss)], cache)
        results["index_build_s"] = round(time.perf_counter() - t0, 1)
        size = sum(p.stat().st_size for p in cache.rglob("*.sqlite")) / 1e6
        results["index_mb"] = round(size)
        print(f"index of {args.n} concepts: {results['index_build_s']} s, {size:.0f} MB", flush=True)
        picks = rng.sample(range(args.n), args.queries)
        concepts = {c.id: c for c in synthetic_concepts(max(picks) + 1) if int(c.id[1:]) in set(picks)}
        kinds = {
            "exact": lambda c: c.fr,
            "accentless": lambda c: fold(c.fr).upper(),
            "fuzzy": lambda c: typo(c.fr, rng),
        }
        for kind, make in kinds.items():
            times, first = [], 0
            for k in picks:
                c = concepts[f"c{k}"]
                q = make(c)
                t0 = time.perf_counter()
                found = finder.find(q, limit=5)
                times.append((time.perf_counter() - t0) * 1000)
                first += bool(found) and found[0].concept.id == c.id
            results[kind] = {"p50_ms": round(pct(times, 0.5), 2), "p95_ms": round(pct(times, 0.95), 2),
                             "found_first": round(first / len(picks), 3)}
            print(f"{kind:10} p50 {pct(times, 0.5):.2f} ms, p95 {pct(times, 0.95):.2f} ms, "
                  f"right concept first {first / len(picks):.1%}", flush=True)
        q = concepts[f"c{picks[0]}"].fr
        env_cmd = [sys.executable, "-m", "termkit", "lookup", q, "--glossary", str(gloss), "--cache-dir", str(cache)]
        walls = []
        for _ in range(10):
            t0 = time.perf_counter()
            subprocess.run(env_cmd, capture_output=True, cwd=tmp, check=True)
            walls.append(time.perf_counter() - t0)
        results["cli_call_s"] = round(statistics.median(walls), 3)
        print(f"whole `termkit lookup` call: median {results['cli_call_s']} s", flush=True)
    Path(args.json).write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
