"""Writing check reports: text (coloured on a TTY), JSON, JUnit XML, SARIF 2.1.0, and for
people, an HTML page (:mod:`termkit.check.report_html`) and a spreadsheet
(:mod:`termkit.check.report_xlsx`)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import asdict
from typing import IO, TYPE_CHECKING, Any

from lxml import etree

from termkit import __version__
from termkit.check.model import CheckReport
from termkit.safetext import for_terminal

if TYPE_CHECKING:
    from termkit.check.compare import Comparison
    from termkit.glossary.model import Concept

FORMATS = ("text", "json", "junit", "sarif", "html", "xlsx")
FILE_FORMATS = ("html", "xlsx")  # written to a file (-o), never to stdout
BINARY_FORMATS = ("xlsx",)
CHECK_HELP = {
    "terminology": "A glossary term in the French segment whose approved English is missing from the translation.",
    "forbidden": "A forbidden or deprecated English form of a glossary concept is used.",
    "name": "A name is spelled differently from the glossary.",
    "consistency": "One French term rendered several ways, or two French terms rendered the same way.",
    "number": "A number, amount, percentage or date of the source is missing or different in the translation.",
    "number-format": "French number conventions (decimal comma, spaced thousands, space before %) in English.",
    "missing": "A French segment has no translation.",
    "untranslated": "The translation is a copy of the French (translate-toolkit 'unchanged').",
}
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def write_report(report: CheckReport, out: IO, fmt: str, color: bool = False,
                 concepts: Mapping[str, Concept] | None = None, comparison: Comparison | None = None) -> None:
    """Write ``report`` to ``out`` as ``fmt`` (one of :data:`FORMATS`).

    ``out`` is a binary stream for the :data:`BINARY_FORMATS`, else a text stream.
    ``concepts`` (glossary concepts by id) lets html and xlsx show each finding's approved
    and forbidden forms; ``comparison`` (:func:`termkit.check.compare.compare_findings` on
    ``report.findings``) adds the new/fixed/unchanged counts to json, html and xlsx.
    """
    if fmt == "html":
        from termkit.check.report_html import write_html

        write_html(report, out, concepts, comparison)
    elif fmt == "xlsx":
        from termkit.check.report_xlsx import write_xlsx

        write_xlsx(report, out, concepts, comparison)
    elif fmt == "json":
        _json(report, out, color, comparison)
    else:
        {"text": _text, "junit": _junit, "sarif": _sarif}[fmt](report, out, color)


def _text(report: CheckReport, out: IO[str], color: bool) -> None:
    import click

    style = click.style if color else (lambda t, **_: t)
    colors = {"error": "red", "warning": "yellow", "info": "cyan"}
    t = for_terminal  # the data (glossary cells, articles) may hold escape sequences: never sent raw to a terminal
    for f in report.findings:
        where = t(f"{f.doc}:{f.segment}") + (f" (line {f.line})" if f.line else "")
        fix = f" -> {t(f.suggestion)}" if f.suggestion else ""
        out.write(f"{where}: {style(f.severity, fg=colors[f.severity], bold=True)} [{f.check}] {t(f.message)}{fix}\n")
        for label, text, span in (("FR", f.source_text, f.source_span), ("EN", f.target_text, f.target_span)):
            if text and f.check != "consistency":
                out.write(f"    {label}: {_marked(t(text), t(span), style)}\n")
    counts = Counter(f.severity for f in report.findings)
    summary = ", ".join(f"{counts[s]} {s}(s)" for s in ("error", "warning", "info") if counts[s]) or "clean"
    out.write(f"{report.documents} document(s), {report.segments} segment(s): {summary}\n")
    for s in report.scores:
        out.write(f"{s.name} = {s.score}  ({s.signature})\n")


def _marked(text: str, span: str, style) -> str:
    """The sentence with the span marked: [[...]] (bold on a terminal)."""
    text = " ".join(text.split())
    at = text.lower().find(span.lower()) if span else -1
    if at < 0:
        return text
    return text[:at] + style("[[" + text[at:at + len(span)] + "]]", bold=True) + text[at + len(span):]


def _json(report: CheckReport, out: IO[str], color: bool, comparison: Comparison | None = None) -> None:
    payload: dict[str, Any] = {
        "tool": "termkit", "version": __version__, "documents": report.documents, "segments": report.segments,
        "summary": dict(Counter(f.severity for f in report.findings)),
        "findings": [asdict(f) for f in report.findings], "scores": [asdict(s) for s in report.scores]}
    if comparison is not None:
        for item, change in zip(payload["findings"], comparison.changes):
            item["change"] = change
        payload["compare"] = {"against": comparison.against, **comparison.counts(),
                              "fixed_findings": [asdict(f) for f in comparison.fixed]}
    json.dump(payload, out, ensure_ascii=False, indent=1)
    out.write("\n")


def _junit(report: CheckReport, out: IO[str], color: bool) -> None:
    """One test suite per document, one test case per segment; findings are failures."""
    by_doc: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for f in report.findings:
        by_doc[f.doc][f.segment].append(f)
    suites = etree.Element("testsuites", name="termkit check", tests=str(report.segments),
                           failures=str(sum(1 for f in report.findings if f.severity != "info")))
    for doc in sorted(by_doc):
        failing = {seg: fs for seg, fs in by_doc[doc].items() if any(f.severity != "info" for f in fs)}
        suite = etree.SubElement(suites, "testsuite", name=doc, tests=str(len(by_doc[doc])),
                                 failures=str(len(failing)))
        for seg, fs in by_doc[doc].items():
            case = etree.SubElement(suite, "testcase", classname=doc, name=f"segment {seg}")
            for f in fs:
                tag = "failure" if f.severity != "info" else "system-out"
                el = etree.SubElement(case, tag, **({"type": f.check, "message": f.message} if tag == "failure" else {}))
                el.text = f"[{f.severity}] {f.check}: {f.message}" + (f" -> {f.suggestion}" if f.suggestion else "")
    out.write(etree.tostring(suites, encoding="unicode", pretty_print=True))


def _sarif(report: CheckReport, out: IO[str], color: bool) -> None:
    rules = sorted({f.check for f in report.findings} | set(CHECK_HELP))
    results = []
    for f in report.findings:
        uri = next((p for p in report.target_files if f.doc in p), report.target_files[0] if report.target_files else f.doc)
        location: dict[str, dict[str, Any]] = {"physicalLocation": {"artifactLocation": {"uri": uri}}}
        if f.line:
            location["physicalLocation"]["region"] = {"startLine": f.line}
        results.append({"ruleId": f.check, "level": SARIF_LEVEL[f.severity],
                        "message": {"text": f.message + (f" -> {f.suggestion}" if f.suggestion else "")},
                        "locations": [location],
                        "properties": {"document": f.doc, "segment": f.segment, "source": f.source_span,
                                       "target": f.target_span, "concept": f.concept,
                                       "sourceSentence": f.source_text, "targetSentence": f.target_text}})
    sarif = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
             "runs": [{"tool": {"driver": {"name": "termkit", "version": __version__,
                                           "informationUri": "https://example.invalid/termkit",
                                           "rules": [{"id": r, "shortDescription": {"text": CHECK_HELP.get(r, r)}}
                                                     for r in rules]}},
                       "results": results}]}
    json.dump(sarif, out, ensure_ascii=False, indent=1)
    out.write("\n")
