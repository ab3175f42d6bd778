"""Benchmark: the HTML check report of the whole WMT14 dev file (../shared/data/wmt14-fr-en) in Chromium.

    python bench/report_bench.py [--models DIR] [--cache-dir DIR] [--json bench/results/report.json]

The documents, the simulated reviewer's glossary and the planted errors are those of
bench/check_eval.py (its functions). Two reports are written with `termkit check --format
html`'s writer: the check of the professional references (few findings) and the check of
the copy with planted errors (many findings), the latter with its sacrebleu scores against
the references. For each: the file size, the time to render it, and the load time in
headless Chromium from file:// (navigation timing: DOMContentLoaded and load event, median
of --loads fresh loads), and how long the page takes to apply a filter (script and layout).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from check_eval import REF, SHARED, SRC, plant, simulated_glossary  # noqa: E402

from termkit.check import read_inputs, run_checks, score_against  # noqa: E402
from termkit.check.report_html import render_html  # noqa: E402
from termkit.check.terms import TermIndex  # noqa: E402
from termkit.nlp import Parser  # noqa: E402
from termkit.sources import SourceDocument  # noqa: E402

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
NAVIGATION = """
const n = performance.getEntriesByType('navigation')[0];
return {dom_content_loaded_ms: n.domContentLoadedEventEnd, load_ms: n.loadEventEnd,
        dom_interactive_ms: n.domInteractive, findings: document.querySelectorAll('article.finding').length};
"""
FILTER = """
const select = document.getElementById('filter-severity');
const t0 = performance.now();
select.value = 'error';
select.dispatchEvent(new Event('change'));
void document.body.offsetHeight;  // the layout of the filtered page counts too
const ms = performance.now() - t0;
const shown = document.getElementById('shown').textContent;
select.value = '';
select.dispatchEvent(new Event('change'));
return {ms: ms, shown: shown};
"""


def chromium(profile: Path):
    """Headless Chromium through Selenium, as in tests/test_review_web.py."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage",
                 f"--user-data-dir={profile}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def load_times(driver, path: Path, loads: int) -> dict:
    """Median navigation timings of ``loads`` fresh loads of ``path``, and one filter's time."""
    runs = []
    for _ in range(loads):
        driver.get("about:blank")
        driver.get(path.as_uri())
        while driver.execute_script("return document.readyState") != "complete":
            time.sleep(0.01)
        time.sleep(0.05)  # loadEventEnd is set once the load handlers return
        runs.append(driver.execute_script(NAVIGATION))
    filters = [driver.execute_script(FILTER) for _ in range(loads)]
    return {key: round(statistics.median(r[key] for r in runs), 1)
            for key in ("dom_content_loaded_ms", "load_ms", "dom_interactive_ms")} | {
        "findings_in_page": runs[0]["findings"], "loads": loads,
        "filter_severity_error_ms": round(statistics.median(f["ms"] for f in filters), 1),
        "filter_shown": filters[0]["shown"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", default=str(SHARED / "models" / "stanza_resources"))
    ap.add_argument("--cache-dir", default=None)
    ap.add_argument("--approve", type=float, default=0.7)
    ap.add_argument("--loads", type=int, default=5, help="page loads per report (the median is kept)")
    ap.add_argument("--out", default=None, help="folder for the HTML reports (default: a temporary one)")
    ap.add_argument("--json", default=str(ROOT / "bench" / "results" / "report.json"))
    args = ap.parse_args()
    parser = Parser.from_options(args.models, cache_dir=args.cache_dir)
    docs = read_inputs([str(SRC), str(REF)])
    t0 = time.perf_counter()
    parsed = parser.parse([SourceDocument(d.id, d.fr_text) for d in docs])
    print(f"parse: {time.perf_counter() - t0:.1f} s", flush=True)
    concepts, approved = simulated_glossary(parsed, docs, args.approve)
    by_id = {}
    for c in concepts:
        by_id.setdefault(c.id, c)
    planted_docs, planted = plant(docs, TermIndex(concepts), parsed, random.Random(11))
    reports = {"references": run_checks(docs, concepts, parser)}
    reports["planted"] = run_checks(planted_docs, concepts, parser)
    reports["planted"].scores = score_against(planted_docs, [str(REF)])
    out_dir = Path(args.out or tempfile.mkdtemp(prefix="termkit-report-bench-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    results = {"documents": len(docs), "segments": sum(len(d.segments) for d in docs), "concepts": len(concepts),
               "approved": approved, "planted": len(planted), "reports": {}}
    with tempfile.TemporaryDirectory() as profile:
        driver = chromium(Path(profile))
        results["chromium"] = driver.capabilities.get("browserVersion", "")
        try:
            for name, report in reports.items():
                t0 = time.perf_counter()
                page = render_html(report, by_id)
                render_s = time.perf_counter() - t0
                path = out_dir / f"wmt14-dev-{name}.html"
                path.write_text(page, encoding="utf-8")
                timing = load_times(driver, path, args.loads)
                assert timing["findings_in_page"] == len(report.findings)
                results["reports"][name] = {"findings": len(report.findings), "bytes": path.stat().st_size,
                                            "render_s": round(render_s, 3), **timing}
                print(f"{name}: {len(report.findings)} findings, {path.stat().st_size / 1024:.0f} KiB, rendered in "
                      f"{render_s:.2f} s; Chromium: DOMContentLoaded {timing['dom_content_loaded_ms']} ms, load "
                      f"{timing['load_ms']} ms (median of {args.loads}); filter {timing['filter_severity_error_ms']} ms"
                      f" ({timing['filter_shown']}); {path}", flush=True)
        finally:
            driver.quit()
    Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
