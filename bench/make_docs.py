"""Write the figures of docs/benchmarks.md and of the README's "quality at a glance" from
bench/results/*.json, so that the documentation never drifts from the measurements.

    python bench/make_docs.py            # rewrite the generated parts in place
    python bench/make_docs.py --check    # exit 1, one line, when a file differs from what it would write

Only the text between marker comments is generated; everything else is written by hand:

    <!-- figures:NAME:start -->  ...  <!-- figures:NAME:end -->      (docs/benchmarks.md, one per section)
    <!-- figures:start -->  ...  <!-- figures:end -->                (README.md, the headline figures)

A results file that is missing (a bench not run yet, e.g. bench/results/news.json) gives
"not measured yet" and the command that measures it; one that lacks a field gives a line
naming the file and the field. Nothing here runs a benchmark.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BENCHMARKS = ROOT / "docs" / "benchmarks.md"
README = ROOT / "README.md"


class Missing(Exception):
    """A results file that is not there yet."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def load(name: str) -> dict:
    """bench/results/NAME.json, or :class:`Missing`."""
    path = RESULTS / f"{name}.json"
    if not path.is_file():
        raise Missing(name)
    return json.loads(path.read_text(encoding="utf-8"))


# ---- formatting -------------------------------------------------------------------------

def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def pct(fraction: float | None, digits: int = 1) -> str:
    """0.965 -> '96.5%'."""
    return "–" if fraction is None else f"{100 * fraction:.{digits}f}%"


def pct100(value: float | None) -> str:
    """A figure already in percent (56.0) -> '56.0'."""
    return "–" if value is None else f"{value:.1f}"


def ci(pair: Sequence[float] | None) -> str:
    """A 95% interval of fractions -> '93.5-98.1%'."""
    return "" if not pair else f"{100 * pair[0]:.1f}-{100 * pair[1]:.1f}%"


def num(value: float | None, digits: int | None = None) -> str:
    """Thousands separated; floats to ``digits`` places when given."""
    if value is None:
        return "–"
    if digits is not None:
        return f"{value:,.{digits}f}"
    return f"{value:,}"


def ratio(a: int, b: int) -> str:
    """'51 of 54'."""
    return f"{a} of {b}"


# ---- one section per benchmark ----------------------------------------------------------
# Each function returns the Markdown of its section; COMMANDS says how each file is made.

COMMANDS = {
    "news": "python bench/news_eval.py --half report --json bench/results/news.json",
    "acter": "python bench/acter_eval.py --ablate --seeds 5",
    "seed_extract": "python bench/seed_extract_review.py",
    "seed_glossary": "python bench/seed_glossary_review.py --json bench/results/seed_glossary.json",
    "equivalents": "python bench/equiv_eval.py --json bench/results/equivalents.json",
    "french_only": "python bench/french_only_eval.py --half both --json bench/results/french_only.json",
    "reference": "python bench/reference_bench.py --format tbx --json bench/results/reference.json",
    "reference_tsv": "python bench/reference_bench.py --format tsv --json bench/results/reference_tsv.json",
    "align": "python bench/align_eval.py --json bench/results/align.json",
    "check": "python bench/check_eval.py --json bench/results/check.json",
    "report": "python bench/report_bench.py --json bench/results/report.json",
    "review": "python bench/review_bench.py --json bench/results/review.json",
    "formats": "python bench/formats_bench.py --json bench/results/formats.json",
    "lookup": "python bench/lookup_bench.py --json bench/results/lookup.json",
    "parse": "python bench/parse_bench.py --json bench/results/parse.json",
    "extract_speed": "python bench/extract_bench.py --json bench/results/extract_speed.json",
    "scale": "python bench/scale_bench.py --json bench/results/scale.json",
    "memory": "python bench/memory_bench.py",
}


def source(*names: str) -> str:
    """The line that names a section's command(s) and results file(s)."""
    parts = [f"`{COMMANDS[n]}` (`bench/results/{n}.json`)" for n in names]
    return "Measured by " + "; ".join(parts) + "."


def news() -> str:
    d = load("news")
    rows = []
    for profile in ("news", "specialised"):
        p = d.get(profile)
        if p is None:
            continue
        for label, key in (("`extract`", "extract"), ("`glossary build`", "glossary_build")):
            s = p[key]
            threshold = p.get("thresholds", {}).get(key)
            rows.append([f"`--profile {profile}`", label, "–" if threshold is None else f"{threshold:g}",
                         pct100(s["precision"]), pct100(s["recall"]), f"**{pct100(s['f1'])}**",
                         num(s["predicted"]), num(s["gold"])])
    out = [table(["profile", "selection", "threshold", "precision", "recall", "F1", "kept forms", "gold forms"], rows)]
    out.append("")
    out.append(f"{d.get('half', 'report')} half, {d['documents']} documents, each extracted on its own; scores pooled "
               f"over (document, written form) pairs. Every candidate before selection holds "
               f"{pct100(d['candidates_recall'])}% of the gold forms.")
    t = d.get("types")
    if t:
        out.append(f"Type of the gold names found: {t['type_right']} of {t['names_found']} right "
                   f"({pct100(t['accuracy'])}%).")
    e = d.get("glossary_build_english")
    if e:
        out += ["", "`glossary build` with its defaults, one article and its English at a time: how much of the gold "
                    "it gives with the right English (raw counts).", ""]
        out.append(table(["kind", "gold", "in the glossary", "with English", "right", "right, share of the gold",
                          "precision of the English"],
                         [[k + "s" if k != "all" else "all", e[k]["gold"], e[k].get("in_glossary", 0),
                           e[k].get("with_english", 0), e[k].get("right", 0), f"**{pct100(e[k]['right_share'])}**",
                           pct100(e[k]["precision"]) if "precision" in e[k] else "–"]
                          for k in ("name", "term", "all")]))
    return "\n".join(out)


def acter() -> str:
    d = load("acter")
    lodo, shipped, unsup = d["leave_one_domain_out"], d.get("shipped", {}), d.get("unsupervised", {})
    rows = []
    for dom in ("corp", "equi", "wind"):
        s = lodo[dom]
        sh = shipped.get(dom, {}).get("f1")
        rows.append([dom, pct100(s["precision"]), pct100(s["recall"]), f"**{pct100(s['f1'])}**",
                     pct100(sh) + (" (validation)" if dom == "equi" else " (training)") if sh is not None else "–",
                     pct100(unsup.get(dom, {}).get("f1"))])
    rows.append(["**average**", "", "", f"**{pct100(lodo['average_f1'])}**", "", pct100(unsup.get("average_f1"))])
    out = [table(["domain", "precision", "recall", "F1, leave one domain out", ("F1, specialised model (corp + wind, "
                                                                                "threshold on equi)"),
                  "F1, unsupervised score"], rows)]
    seeds = d.get("leave_one_domain_out_seeds")
    if seeds:
        by_seed = ", ".join(f"{v}" for _, v in sorted(seeds["average_f1_by_seed"].items()))
        mean = (f"Mean of LightGBM seeds 0-{len(seeds['average_f1_by_seed']) - 1} (leave one domain out): "
                f"**{seeds['mean']}** ({by_seed}).")
        out += ["", mean]
    abl = d.get("ablation")
    if abl:
        out.append("Without one feature group (leave-one-domain-out average): " +
                   ", ".join(f"{k} {v}" for k, v in abl.items()) + ".")
    return "\n".join(out)


def seeds() -> str:
    out = []
    try:
        e = load("seed_extract")
        out.append(f"- `termkit extract seeds/*.fr.txt` keeps {e['kept']} candidates holding **{e['found']} of "
                   f"{e['approved']}** approved concepts of the reviewed seed glossary (names {e['names']['found']}"
                   f"/{e['names']['of']}, terms {e['terms']['found']}/{e['terms']['of']}). {source('seed_extract')}")
    except Missing:
        out.append(f"- extraction on the seeds: not measured yet (`{COMMANDS['seed_extract']}`).")
    try:
        g = load("seed_glossary")
        out.append(f"- `glossary build` on the seeds: {g['from_extracted_candidates']} of its "
                   f"{g['auto_candidates_total']} candidates are approved concepts; English proposed for "
                   f"{g['automatic_english_correct'] + g['automatic_english_wrong']}, **"
                   f"{g['automatic_english_correct']} right**, {g['abstained']} abstentions (top suggestion right "
                   f"for {g['abstained_top_suggestion_right']}). The seeds are training data of the confidence "
                   f"model: not a held-out figure. {source('seed_glossary')}")
    except Missing:
        out.append(f"- `glossary build` on the seeds: not measured yet (`{COMMANDS['seed_glossary']}`).")
    return "\n".join(out)


EQUIV_SETS = (
    ("report", "**news, report half** (held out)"),
    ("report, reference errors accepted", "news, report half, the reference's listed errors accepted"),
    ("acter corp", "**ACTER corp** (second genre, held out)"),
    ("tune", "news, tune half (trained on)"),
    ("seeds", "seeds (trained on)"),
)


def equivalents() -> str:
    d = load("equivalents")
    rows = []
    for key, label in EQUIV_SETS:
        s = d["sets"].get(key)
        if s is None:
            continue
        for kind in ("name", "term"):
            k = s["by_kind"][kind]
            rows.append([label, kind + "s", k["gold"], k["proposed"], k["proposed_right"],
                         f"{pct(k['precision'])} ({ci(k.get('precision_ci95'))})", k["abstained"],
                         f"{pct(k['abstention_rate'])} ({ci(k.get('abstention_ci95'))})",
                         f"{k['abstained_top_right']}/{k['abstained']}"])
    out = [table(["set", "kind", "gold", "proposed", "right", "precision (95% CI)", "abstained",
                  "abstention (95% CI)", "top suggestion right when abstaining"], rows)]
    th = d.get("thresholds")
    if th:
        out += ["", f"Thresholds of the shipped confidence model: names {th['name']}, terms {th['term']}. The model "
                    "is trained on the tune half and the seeds by `termkit equivalents train` (the exact command is "
                    "in the model file's notes; see [glossary.md](glossary.md#retraining-the-confidence-model-"
                    "termkit-equivalents-train))."]
    if "build_seconds_88_docs" in d:
        out.append(f"`glossary build` on the 88 WMT dev documents, parse excluded: {d['build_seconds_88_docs']} s.")
    u = d.get("unrelated_english_check")
    if u:
        out.append(f"Unrelated-English check: {u['true_flagged']} of {u['true_pairs']} true pairs flagged; "
                   f"{u['unrelated_flagged']} of {u['unrelated_pairs_3_links']} mismatched pairs flagged.")
    return "\n".join(out)


def french_only() -> str:
    d = load("french_only")
    rows = []
    for half in ("report", "tune"):
        h = d.get(half)
        if h is None:
            continue
        n, t = h["name"], h["term"]
        rows.append([half + (" (held out)" if half == "report" else " (developed on)"), h["documents"],
                     n["gold"], n.get("proposed", 0), n.get("right", 0), f"**{pct(h['names_precision'])}**",
                     f"**{pct(h['names_right_of_gold'])}**", t["gold"], t.get("suggested", 0),
                     f"{t.get('top_suggestion_right', 0)} ({pct(t.get('top_suggestion_right', 0) / t['gold'])})",
                     f"{t.get('top3_suggestion_right', 0)} ({pct(t.get('top3_suggestion_right', 0) / t['gold'])})",
                     h.get("build_s", "–")])
    return table(["half", "documents", "gold names", "names proposed", "right", "precision",
                  "right, of all gold names", "gold terms", "terms with a suggestion", "top suggestion right",
                  "any of 3 right", "build s (parse excluded)"], rows)


def reference() -> str:
    rows = []
    for name in ("reference", "reference_tsv"):
        try:
            d = load(name)
        except Missing:
            rows.append([f"not measured yet (`{COMMANDS[name]}`)", "", "", "", "", ""])
            continue
        rows.append([d["format"], num(d["concepts"]), num(d["file_mb"], 0), d["seconds"], num(d["peak_mb"], 0),
                     f"{d['found']} ({d['conflicts']} conflicts)"])
    return table(["reference format", "concepts", "file MB", "`glossary build --reference`, s",
                  "peak RSS MB", "candidates found"], rows) + "\n\n" + source("reference", "reference_tsv")


def align() -> str:
    d = load("align")
    rows = [["segments, 1 in 8 adjacent pairs merged on each side", f"**{d['merged/termkit']['f1']:.3f}**",
             f"{d['merged/nltk']['f1']:.3f}"],
            ["running text re-split into sentences by pysbd", f"**{d['running/termkit']['f1']:.3f}**",
             f"{d['running/nltk']['f1']:.3f}"]]
    return table(["setting", "termkit link F1", "nltk Gale-Church link F1"], rows) + \
        f"\n\n{d['documents']} WMT14 documents."


def check() -> str:
    d = load("check")
    t, r = d["halves"]["tune"], d["halves"]["report"]
    rows = [
        ["findings (warning+) on the professional references, raw, per 100 segments",
         f"**{r['raw_per_100_segments']}** ({r['raw_findings']} in {r['segments']})",
         f"{t['raw_per_100_segments']} ({t['raw_findings']} in {t['segments']})"],
        ["the same, less the listed real errors of the references",
         f"**{r['false_alarms_per_100_segments']}** ({r['false_alarms']})",
         f"{t['false_alarms_per_100_segments']} ({t['false_alarms']})"],
        ["planted errors: recall", f"**{pct(r['planted_recall'])}** ({r['planted']} planted)",
         f"{pct(t['planted_recall'])} ({t['planted']})"],
        ["planted errors: precision", pct(r.get("planted_precision")), pct(t.get("planted_precision"))],
    ]
    out = [table(["measure", "report half (never tuned on)", "tune half"], rows), ""]
    kinds = ", ".join(f"{k} {v}" for k, v in d.get("recall_by_kind", {}).items())
    out.append(f"Both halves: {d['documents']} documents, {num(d['segments'])} segments; glossary of {num(d['concepts'])} "
               f"concepts built from them, {d['approved']} approved by the simulated reviewer. Planted errors: "
               f"recall {pct(d['recall'])} ({kinds}), precision {pct(d['precision'])}. Speed: "
               f"{num(d['segments'])} segments against {num(d['speed_concepts'])} concepts in **{d['speed_s']} s**, "
               f"parse excluded.")
    return "\n".join(out)


def report() -> str:
    d = load("report")
    rows = []
    for key, label in (("references", "the professional references"), ("planted", "with planted errors")):
        r = d["reports"][key]
        rows.append([label, r["findings"], f"{r['bytes'] / 1e6:.2f} MB", r["render_s"], r["load_ms"],
                     r.get("filter_severity_error_ms", "–")])
    return table(["HTML report of the WMT dev file", "findings", "size", "written, s", "page load in Chromium, ms",
                  "filter by severity, ms"], rows) + f"\n\n{num(d['segments'])} segments; Chromium {d.get('chromium', '?')}."


def review() -> str:
    d = load("review")
    rows = [["first page load (GET /, server-rendered)", f"**{d['first_page_load_ms']['first']} ms**",
             f"< {d['targets']['first_page_load_ms']} ms"],
            ["approve, server round trip incl. the atomic write of the TSV",
             f"p50 {d['action_ms_starlette_uvicorn']['p50']} ms, **p95 {d['action_ms_starlette_uvicorn']['p95']} ms**",
             f"p95 < {d['targets']['action_p95_ms']} ms"],
            ["100 approvals by keyboard in Chromium, each waited for", f"{d['keyboard_100_approvals_s']} s", ""]]
    return table([f"{num(d['concepts'])} candidate concepts", "result", "target"], rows)


def formats() -> str:
    d = load("formats")
    rows = [[name, f"{f['export_s']} s", f"{f['import_s']} s", f"{f['mb']} MB"] for name, f in d["formats"].items()]
    out = [table([f"{num(d['n'])} concepts", "export", "import", "file"], rows), ""]
    b = d.get("big_import")
    if b:
        out.append(f"`termkit import` of a {num(b['n'])}-concept TBX v2 file ({b['file_mb']} MB): {b['s']} s, "
                   f"**peak RSS {b['peak_mb']} MB**.")
    t = d.get("big_translate_toolkit")
    if t:
        out.append(f"translate-toolkit's `tbxfile` on the same file: {t['s']} s, {num(t['peak_mb'])} MB.")
    return "\n".join(out)


def lookup() -> str:
    d = load("lookup")
    rows = [[label, f"{d[k]['p50_ms']} ms", f"**{d[k]['p95_ms']} ms**", pct(d[k]["found_first"], 0)]
            for k, label in (("exact", "exact"), ("accentless", "accent-less, upper-case"),
                             ("fuzzy", "fuzzy (one letter replaced)"))]
    return table([f"query ({num(d['n'])} concepts)", "p50", "p95", "right concept first"], rows) + (
        f"\n\nIndex build: {d['index_build_s']} s ({d['index_mb']} MB, once per change of the file). "
        f"One whole `termkit lookup` call: **{d['cli_call_s']} s** median.")


def speed() -> str:
    out = []
    try:
        p = load("parse")
        out.append(table(["parse, " + f"{p['documents']} documents", "seconds"], [
            ["bare `stanza.Pipeline` + `bulk_process`", p["bare_stanza_s"]],
            ["`termkit parse --workers 1`, cold cache", f"{p['termkit_cold_s']} ({p['cold_over_bare']}x bare)"],
            ["`termkit parse --workers 1`, warm cache", f"{p['termkit_warm_s']} ({p['warm_speedup']}x faster)"]]))
        out += ["", source("parse"), ""]
    except Missing:
        out += [f"Parse: not measured yet (`{COMMANDS['parse']}`).", ""]
    try:
        e = load("extract_speed")
        out.append(f"Extraction of {e['documents']} documents ({num(e['words'])} words): parsing {e['parse_s']} s; "
                   f"extraction with the ranker {e['extract_s']} s = **{pct(e['extract_over_parse'])} of parse "
                   f"time**; the ranker alone {e['ranker_s']} s = {pct(e['ranker_over_parse'])} "
                   f"({num(e['candidates_scored'])} candidates). {source('extract_speed')}")
        out.append("")
    except Missing:
        out += [f"Extraction speed: not measured yet (`{COMMANDS['extract_speed']}`).", ""]
    try:
        s = load("scale")
        labels = {"cpu-1": "`--workers 1`", "cpu-2": "`--workers 2`", "cluster-2": "`--cluster` (2 Dask workers)"}
        rows = [[labels.get(k, k), r["seconds"], num(r["words_per_s"]), f"{s['speedup'][k]}x",
                 ", ".join(str(x) for x in r["peak_rss_mb_per_process"])] for k, r in s["runs"].items()]
        out.append(table(["whole `termkit parse --no-cache`", "seconds", "words/s", "speedup",
                          "peak RSS per process, MB"], rows))
        out += ["", f"Outputs identical: {'yes' if s['identical_outputs'] else 'no'}. GPU: {s.get('gpu', 'not measured')}. "
                    + source("scale"), ""]
    except Missing:
        out += [f"Scaling: not measured yet (`{COMMANDS['scale']}`).", ""]
    try:
        m = load("memory")
        rows = [[f"{g['mb']} MB", "`extract`", f"{g['seconds']} s", f"{g['peak_rss_mb']:.0f} MB"] for g in m["growth"]]
        b = m.get("big")
        if b:
            rows.append([f"{b['mb']} MB", "`parse`, then `extract` from its cache",
                         f"{b['parse']['seconds']} s, then {b['extract_after_parse']['seconds']} s",
                         f"{b['parse']['peak_rss_mb']:.0f} MB, {b['extract_after_parse']['peak_rss_mb']:.0f} MB"])
        h = m.get("huge")
        if h:
            rows.append([f"{h['mb']} MB", "`extract`" + (", stopped at the time limit" if h["stopped_after_limit"]
                                                         else ""), f"{h['seconds']} s", f"{h['peak_rss_mb']:.0f} MB"])
        out.append(table(["input on one line", "command", "time", "peak RSS"], rows))
        out += ["", f"{m['input']}; {m.get('machine_cores', '?')} cores. " + source("memory")]
    except Missing:
        out.append(f"Memory: not measured yet (`{COMMANDS['memory']}`).")
    return "\n".join(out).rstrip()


SECTIONS: dict[str, tuple[Callable[[], str], tuple[str, ...]]] = {
    # name: (writer, results files it reads; the first one names the section's source line)
    "news": (news, ("news",)),
    "acter": (acter, ("acter",)),
    "seeds": (seeds, ()),
    "equivalents": (equivalents, ("equivalents",)),
    "french_only": (french_only, ("french_only",)),
    "reference": (reference, ()),
    "align": (align, ("align",)),
    "check": (check, ("check",)),
    "report": (report, ("report",)),
    "review": (review, ("review",)),
    "formats": (formats, ("formats",)),
    "lookup": (lookup, ("lookup",)),
    "speed": (speed, ()),
}


def section(name: str) -> str:
    """The generated Markdown of one section of docs/benchmarks.md."""
    writer, files = SECTIONS[name]
    try:
        body = writer()
    except Missing as m:
        return f"*Not measured yet*: run `{COMMANDS[m.name]}`, which writes `bench/results/{m.name}.json`."
    except (KeyError, TypeError, IndexError) as exc:
        return f"*Could not read `bench/results/{files[0] if files else name}.json`*: no field {exc}."
    return body + ("\n\n" + source(*files) if files else "")


# ---- README: quality at a glance --------------------------------------------------------

def glance() -> str:
    """The README's headline figures, each naming its data and its command."""
    rows = []

    def row(what: str, data: str, name: str, figure: Callable[[dict], str], command: str | None = None) -> None:
        try:
            value = figure(load(name))
        except Missing:
            value = "not measured yet"
        except (KeyError, TypeError, IndexError) as exc:
            value = f"unreadable (`bench/results/{name}.json`: no field {exc})"
        rows.append([what, value, data, f"`{command or COMMANDS[name]}`"])

    row("Names and terms a news translator needs (`extract`, news profile)",
        "news gold, report half: 44 WMT14 dev articles never trained on", "news",
        lambda d: f"F1 **{pct100(d['news']['extract']['f1'])}** (precision {pct100(d['news']['extract']['precision'])}"
                  f", recall {pct100(d['news']['extract']['recall'])})")
    row("Specialised terms (`extract --profile specialised`)",
        "ACTER 1.5 French, each domain held out in turn", "acter",
        lambda d: f"F1 **{d['leave_one_domain_out_seeds']['mean']}** (mean of "
                  f"{len(d['leave_one_domain_out_seeds']['average_f1_by_seed'])} training seeds)")
    row("English equivalents from aligned articles (`glossary build --en`)",
        "news equivalents gold, report half (28 articles, held out)", "equivalents",
        lambda d: (f"names **{pct(d['sets']['report']['by_kind']['name']['precision'])}** right at "
                   f"{pct(d['sets']['report']['by_kind']['name']['abstention_rate'])} abstention; terms "
                   f"{pct(d['sets']['report']['by_kind']['term']['precision'])} at "
                   f"{pct(d['sets']['report']['by_kind']['term']['abstention_rate'])}"))
    row("English for names from the French alone (`glossary build` without `--en`)",
        "news gold, report half, one article at a time", "french_only",
        lambda d: f"**{pct(d['report']['names_precision'])}** of proposed names right; "
                  f"{pct(d['report']['names_right_of_gold'])} of all gold names")
    row("False alarms and recall of `check`",
        "WMT14 dev, report half: professional translations, never tuned on", "check",
        lambda d: f"**{d['halves']['report']['raw_per_100_segments']}** findings per 100 segments "
                  f"({d['halves']['report']['segments']} segments); "
                  f"**{pct(d['recall'])}** of planted errors found")
    return table(["what", "figure", "data", "command"], rows) + \
        "\n\nAll current figures, with how each was measured: [docs/benchmarks.md](docs/benchmarks.md)."


# ---- rewriting the files ----------------------------------------------------------------

def shown(path: Path) -> str:
    """``path`` relative to the repository when it is inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _replace(text: str, start: str, end: str, body: str, path: Path) -> str:
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if not pattern.search(text):
        raise ValueError(f"{shown(path)}: no {start} ... {end} markers")
    return pattern.sub(lambda _: f"{start}\n{body}\n{end}", text, count=1)


def render(path: Path) -> str:
    """``path`` as this script would write it."""
    text = path.read_text(encoding="utf-8")
    if path == README:
        return _replace(text, "<!-- figures:start -->", "<!-- figures:end -->", glance(), path)
    for name in SECTIONS:
        text = _replace(text, f"<!-- figures:{name}:start -->", f"<!-- figures:{name}:end -->", section(name), path)
    unknown = set(re.findall(r"<!-- figures:([\w-]+):start -->", text)) - set(SECTIONS)
    if unknown:
        raise ValueError(f"{shown(path)}: unknown figures section(s): {', '.join(sorted(unknown))}")
    return text


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true",
                    help="change nothing; exit 1 when a file differs from what would be written")
    args = ap.parse_args(argv)
    stale = []
    for path in (BENCHMARKS, README):
        try:
            new = render(path)
        except (OSError, ValueError) as exc:
            print(f"make_docs: {exc}", file=sys.stderr)
            return 1 if args.check else 2
        if new != path.read_text(encoding="utf-8"):
            stale.append(path)
            if not args.check:
                path.write_text(new, encoding="utf-8")
    if args.check and stale:
        names = " and ".join(shown(p) for p in stale)
        print(f"make_docs: {names} differ from bench/results/*.json: run python bench/make_docs.py", file=sys.stderr)
        return 1
    if not args.check:
        print("make_docs: " + (", ".join(shown(p) for p in stale) + " rewritten" if stale
                               else "up to date"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
