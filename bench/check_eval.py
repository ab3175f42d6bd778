"""Benchmark: `termkit check` quality and speed on WMT14 FR->EN news (../shared/data/wmt14-fr-en).

    python bench/check_eval.py [--models DIR] [--cache-dir DIR] [--json bench/results/check.json]

1. Build a glossary from the 88 documents (`build_glossary`: extraction + English
   equivalents from the aligned references). A reviewer is simulated by approving the
   names found by CLDR reference, identity or transliteration, and the multi-word terms
   whose co-occurrence confidence is >= --approve (default 0.7); each
   approved concept also gets a synthetic forbidden English form (letters 2-3 swapped),
   so that step 3 can plant forbidden forms.
2. Run the checks on the professional reference translations: findings of severity warning
   or error per 100 segments, and false alarms per 100 segments (target < 1): the findings
   less those that point at real errors in the references, read one by one and listed with
   the reason in bench/data/wmt14_reference_errors.tsv (only a listed finding that is still
   reported is subtracted).
3. Plant errors into copies of the references, one per segment at most: swap an
   approved English term for its forbidden form, change a number, misspell a name.
   Recall: planted errors reported in their segment (target >= 95%); precision:
   findings (warning+) in the planted copy that point at a planted error.
4. Speed: the checks of all segments against the WMT glossary plus 100,000 synthetic
   concepts, the French parse excluded (it is cached; target: 1,500 segments < 10 s).
   The previous release's check code (--baseline, a git commit; default a6172fe) is timed in
   the same run on the same documents and concepts, in a subprocess, alternately with this
   code (two runs each; the faster of each is reported).

Two fixed halves by document id (sorted ids, alternately): the **tune** half is the one
whose findings may be read while improving the checks; the **report** half is never looked
at and gives the README figure. Both are printed, raw counts first.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synth import synthetic_concepts  # noqa: E402

from bench.split import half_of as split_halves  # noqa: E402
from termkit.check import read_inputs, run_checks  # noqa: E402
from termkit.check.numbers import EN_NUM  # noqa: E402
from termkit.check.terms import NAME_TYPES, TermIndex  # noqa: E402
from termkit.glossary.build import BuildOptions, build_glossary  # noqa: E402
from termkit.nlp import Parser  # noqa: E402
from termkit.sources import SourceDocument  # noqa: E402

WMT = SHARED / "data" / "wmt14-fr-en"
REFERENCE_ERRORS = ROOT / "bench" / "data" / "wmt14_reference_errors.tsv"


def reference_errors() -> set[tuple[str, str, str]]:
    """(doc, segment, check) of the findings that are real errors in the WMT references."""
    rows = [r.split("\t") for r in REFERENCE_ERRORS.read_text(encoding="utf-8").splitlines()
            if r.strip() and not r.startswith("#")]
    return {(r[0], r[1], r[2]) for r in rows[1:]}
SRC, REF = WMT / "newstest2014-dev-fren-src.fr.sgm", WMT / "newstest2014-dev-fren-ref.en.sgm"


def swap(word: str) -> str:
    """A plausible misspelling: letters 2 and 3 swapped (or the last letter doubled)."""
    if len(word) >= 4 and word[1] != word[2]:
        return word[0] + word[2] + word[1] + word[3:]
    return word + word[-1]


def plant(docs, index: TermIndex, parsed, rng: random.Random):
    """Copies of the documents with at most one planted error per segment; returns the plants."""
    import bisect
    import copy

    planted = []
    docs = copy.deepcopy(docs)
    for doc, pdoc in zip(docs, parsed):
        tokens = [t for s in pdoc.sentences for t in s.tokens]
        starts = [t.start for t in tokens]
        for seg in doc.segments:
            if rng.random() > 0.5 or not seg.tgt:
                continue
            toks = tokens[bisect.bisect_left(starts, seg.src_start):bisect.bisect_left(starts, seg.src_end)]
            options = []
            for m in index.find_french(toks):
                c = index.concepts[m.concept]
                if c.en and c.en_forbidden[0] != c.en and re.search(rf"\b{re.escape(c.en)}\b", seg.tgt):
                    options.append(("forbidden", c))
                    if c.type in NAME_TYPES and len(c.en) >= 4:
                        options.append(("name", c))
            nums = [m for m in EN_NUM.finditer(seg.tgt) if re.search(rf"\b{re.escape(m.group(1))}\b", seg.src)
                    or re.search(rf"\b{re.escape(m.group(1).replace(',', ' ').replace('.', ','))}\b", seg.src)]
            options += [("number", n) for n in nums]
            if not options:
                continue
            kind, what = rng.choice(options)
            if kind == "forbidden":
                seg.tgt = re.sub(rf"\b{re.escape(what.en)}\b", what.en_forbidden[0], seg.tgt, count=1)
            elif kind == "name":
                words = what.en.split()
                k = max(range(len(words)), key=lambda i: len(words[i]))
                wrong = " ".join(swap(w) if i == k else w for i, w in enumerate(words))
                seg.tgt = re.sub(rf"\b{re.escape(what.en)}\b", wrong, seg.tgt, count=1)
            else:
                digits = what.group(1)
                changed = digits[:-1] + str((int(digits[-1]) + 3) % 10)
                seg.tgt = seg.tgt[:what.start(1)] + changed + seg.tgt[what.end(1):]
            planted.append((doc.id, seg.id, kind))
    return docs, planted


def simulated_glossary(parsed, docs, approve: float = 0.7) -> tuple[list, int]:
    """The WMT glossary (step 1): built from the parsed French and the references, with the
    simulated reviewer's approvals and a synthetic forbidden form per approved concept.
    Returns the concepts and the number approved."""
    glossary, _ = build_glossary(parsed, [" ".join(s.tgt for s in d.segments) for d in docs],
                                 options=BuildOptions(top=2000))
    approved = 0
    for c in glossary.concepts:
        if not (c.en and c.confidence is not None):
            continue
        method, confidence = c.evidence.split(",")[0], c.confidence
        # the simulated reviewer keeps names found by reference/identity/transliteration, and
        # multi-word terms with confident co-occurrence; single general words are not terminology
        if (c.type != "TERM" and method in ("reference", "identical", "transliteration") and c.fr[:1].isupper()) or (len(c.fr.split()) > 1 and confidence >= approve):
            c.status = "approved"
            c.en_forbidden = [" ".join(swap(w) if len(w) >= 4 else w for w in c.en.split())]
            approved += 1
    return glossary.concepts, approved


BASELINE_RUN = """
import pickle, sys, time
sys.path.insert(0, sys.argv[1])
from termkit.check import read_inputs, run_checks
from termkit.nlp import Parser
from termkit.sources import SourceDocument
parser = Parser.from_options(sys.argv[2], cache_dir=sys.argv[3] or None)
docs = read_inputs([sys.argv[4], sys.argv[5]])
with open(sys.argv[1] + "/concepts.pkl", "rb") as f:
    big = pickle.load(f)
parser.parse([SourceDocument(d.id, d.fr_text) for d in docs])
t0 = time.perf_counter()
parser.parse([SourceDocument(d.id, d.fr_text) for d in docs])
parse_s = time.perf_counter() - t0
t0 = time.perf_counter()
run_checks(docs, big, parser)
print(time.perf_counter() - t0 - parse_s)
"""


def baseline_checker(commit: str, big, models: str, cache_dir: str | None):
    """A function timing the check code of an earlier commit (its ``termkit/`` from ``git archive``)
    on the same documents and concepts, in a subprocess; it returns seconds, parse excluded."""
    where = Path(tempfile.mkdtemp(prefix="check-baseline-"))
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "termkit"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(where)], input=archive.stdout, check=True)
    with open(where / "concepts.pkl", "wb") as f:
        pickle.dump(big, f)

    def run() -> float:
        out = subprocess.run([sys.executable, "-c", BASELINE_RUN, str(where), models, cache_dir or "", str(SRC),
                              str(REF)], capture_output=True, text=True, cwd=where, check=True)
        return float(out.stdout.strip().splitlines()[-1])
    return run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", default=str(SHARED / "models" / "stanza_resources"))
    ap.add_argument("--cache-dir", default=None)
    ap.add_argument("--approve", type=float, default=0.7)
    ap.add_argument("--json", default=str(ROOT / "bench" / "results" / "check.json"))
    ap.add_argument("--show-tune", action="store_true", help="print the tune half's findings (never the report half's)")
    ap.add_argument("--tune-only", action="store_true",
                    help="while developing: print the tune half's figures only (no report-half totals, no JSON, "
                         "no speed)")
    ap.add_argument("--baseline", default="a6172fe", help="git commit of the previous release, timed in the same run")
    args = ap.parse_args()
    parser = Parser.from_options(args.models, cache_dir=args.cache_dir)
    docs = read_inputs([str(SRC), str(REF)])
    n_segments = sum(len(d.segments) for d in docs)
    parsed = parser.parse([SourceDocument(d.id, d.fr_text) for d in docs])
    concepts, approved = simulated_glossary(parsed, docs, args.approve)
    print(f"glossary: {len(concepts)} concepts, {approved} approved; {len(docs)} documents, {n_segments} segments",
          flush=True)

    report = run_checks(docs, concepts, parser)
    findings = [f for f in report.findings if f.severity != "info"]
    half_of = split_halves(d.id for d in docs)
    halves = {}
    known_all = reference_errors()
    for half in ("tune", "report"):
        segs = sum(len(d.segments) for d in docs if half_of[d.id] == half)
        raw = [f for f in findings if half_of[f.doc] == half]
        adjusted = [f for f in raw if (f.doc, f.segment, f.check) not in known_all]
        halves[half] = {"documents": sum(half_of[d.id] == half for d in docs), "segments": segs,
                        "raw_findings": len(raw), "raw_per_100_segments": round(100 * len(raw) / segs, 2),
                        "false_alarms": len(adjusted),
                        "false_alarms_per_100_segments": round(100 * len(adjusted) / segs, 2),
                        "by_check": {c: sum(1 for f in adjusted if f.check == c) for c in
                                     sorted({f.check for f in adjusted})}}
        if half == "tune" or not args.tune_only:
            print(f"{half} half: {len(raw)} findings (raw) = {halves[half]['raw_per_100_segments']} per 100 "
                  f"segments; less listed reference errors: {len(adjusted)} = "
                  f"{halves[half]['false_alarms_per_100_segments']} per 100 segments {halves[half]['by_check']}",
                  flush=True)
    if args.show_tune:
        for f in findings:
            if half_of[f.doc] == "tune":
                print(f"  {f.doc}:{f.segment} [{f.check}] {f.message}\n    FR: {f.source_text}\n    EN: {f.target_text}")
    known = reference_errors()
    real = [f for f in findings if (f.doc, f.segment, f.check) in known]
    alarms = [f for f in findings if (f.doc, f.segment, f.check) not in known]
    by_check: dict[str, int] = {}
    for f in alarms:
        by_check[f.check] = by_check.get(f.check, 0) + 1
    per100 = 100 * len(alarms) / n_segments
    if not args.tune_only:
        print(f"findings on the references: {len(findings)} = {100 * len(findings) / n_segments:.2f} per 100 segments, "
              f"{len(real)} of them real errors in the references", flush=True)
        print(f"false alarms on the references: {len(alarms)} = {per100:.2f} per 100 segments {by_check}",
              flush=True)

    index = TermIndex(concepts)
    planted_docs, planted = plant(docs, index, parsed, random.Random(11))
    prep = run_checks(planted_docs, concepts, parser)
    hits = {(f.doc, f.segment) for f in prep.findings if f.severity != "info"}
    where = {(d, s) for d, s, _ in planted}
    detected = [p for p in planted if (p[0], p[1]) in hits]
    per_kind = {k: f"{sum(1 for p in detected if p[2] == k)}/{sum(1 for p in planted if p[2] == k)}"
                for k in ("forbidden", "name", "number")}
    flagged = [f for f in prep.findings if f.severity != "info"]
    precision = sum(1 for f in flagged if (f.doc, f.segment) in where) / max(1, len(flagged))
    recall = len(detected) / max(1, len(planted))
    for half in ("tune", "report"):
        mine = [p for p in planted if half_of[p[0]] == half]
        found = [p for p in mine if (p[0], p[1]) in hits]
        halves[half]["planted"] = len(mine)
        halves[half]["planted_recall"] = round(len(found) / max(1, len(mine)), 3)
        flagged_half = [f for f in flagged if half_of[f.doc] == half]
        halves[half]["planted_precision"] = round(sum(1 for f in flagged_half if (f.doc, f.segment) in where)
                                                  / max(1, len(flagged_half)), 3)
        if half == "tune" or not args.tune_only:
            print(f"{half} half: planted {len(mine)}, recall {len(found) / max(1, len(mine)):.1%}, "
                  f"precision {halves[half]['planted_precision']:.1%}", flush=True)
    if args.show_tune:
        for p in planted:
            if (p[0], p[1]) not in hits and half_of[p[0]] == "tune":
                seg = next(s for d in planted_docs if d.id == p[0] for s in d.segments if s.id == p[1])
                print(f"  missed {p[2]} {p[0]}:{p[1]}\n    FR: {seg.src}\n    EN: {seg.tgt}")
    if args.tune_only:
        return
    print(f"planted {len(planted)} errors: recall {recall:.1%} {per_kind}, precision {precision:.1%}", flush=True)

    big = concepts + list(synthetic_concepts(100_000))
    previous = baseline_checker(args.baseline, big, args.models, args.cache_dir) if args.baseline else None

    def this_code() -> tuple[float, float]:
        t0 = time.perf_counter()
        parser.parse([SourceDocument(d.id, d.fr_text) for d in docs])
        parse_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        run_checks(docs, big, parser)
        return time.perf_counter() - t0 - parse_s, parse_s

    runs, baseline_runs = [], []
    for _ in range(2):
        runs.append(this_code())
        if previous:
            baseline_runs.append(previous())
    (speed, parse_s), baseline = min(runs), (min(baseline_runs) if baseline_runs else None)
    print(f"speed: {n_segments} segments against {len(big)} concepts: {speed:.2f} s "
          f"(+ {parse_s:.2f} s cached parse; runs {', '.join(f'{r:.2f}' for r, _ in runs)})"
          + (f"; previous release {args.baseline}: {baseline:.2f} s (runs "
             f"{', '.join(f'{r:.2f}' for r in baseline_runs)}), same run" if baseline is not None else ""),
          flush=True)
    Path(args.json).write_text(json.dumps({
        "halves": halves,
        "documents": len(docs), "segments": n_segments, "concepts": len(concepts), "approved": approved,
        "findings": len(findings), "findings_per_100_segments": round(100 * len(findings) / n_segments, 2),
        "reference_errors_found": len(real), "false_alarms": len(alarms), "false_alarms_per_100_segments": round(per100, 2), "false_alarms_by_check": by_check,
        "planted": len(planted), "recall": round(recall, 3), "recall_by_kind": per_kind,
        "precision": round(precision, 3), "speed_concepts": len(big), "speed_s": round(speed, 2),
        "speed_runs_s": [round(r, 2) for r, _ in runs], "baseline_commit": args.baseline,
        "baseline_speed_s": round(baseline, 2) if baseline is not None else None,
        "baseline_runs_s": [round(r, 2) for r in baseline_runs],
    }, indent=1) + "\n")


if __name__ == "__main__":
    main()
