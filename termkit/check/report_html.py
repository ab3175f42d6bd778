"""The check report as one self-contained HTML page: a summary, the findings grouped by
document (French and English side by side, spans marked, the glossary concept), and filters
by check, severity and document that work in the browser without a server.

Everything from the data (segments, glossary text, messages) is escaped by Jinja2's
autoescape; the page's only style and script are inline, and its Content-Security-Policy
allows those two (by hash) and nothing else: no network, no injected script.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import IO, TYPE_CHECKING

from termkit import __version__
from termkit.check.model import SEVERITIES, CheckReport, Finding, severity_rank
from termkit.glossary.model import Concept
from termkit.textnorm import mark_parts

if TYPE_CHECKING:
    from termkit.check.compare import Comparison

_TEMPLATES = "templates"


@dataclass
class _Item:
    """What the template shows of one finding."""

    finding: Finding
    source: list[tuple[str, bool]]
    target: list[tuple[str, bool]]
    concept: Concept | None
    change: str


@cache
def _asset(name: str) -> str:
    return resources.files("termkit.check").joinpath(_TEMPLATES).joinpath(name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


@lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment, StrictUndefined

    env = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    return env.from_string(_asset("report.html.j2"))


def render_html(report: CheckReport, concepts: Mapping[str, Concept] | None = None,
                comparison: Comparison | None = None, title: str = "termkit check report") -> str:
    """The report as one HTML page (a string).

    ``concepts``: glossary concepts by id, to show each finding's approved and forbidden
    forms; ``comparison``: the result of :func:`termkit.check.compare.compare_findings` on
    ``report.findings``, to mark new findings and show the new/fixed/unchanged counts.
    """
    concepts = concepts or {}
    changes = comparison.changes if comparison is not None else [""] * len(report.findings)
    docs: dict[str, list[_Item]] = {}
    for f, change in zip(report.findings, changes):
        docs.setdefault(f.doc, []).append(_Item(f, mark_parts(f.source_text, [f.source_span]),
                                                mark_parts(f.target_text, [f.target_span]),
                                                concepts.get(f.concept) if f.concept else None, change))
    for items in docs.values():
        items.sort(key=lambda it: (_segment_order(it.finding.segment), -severity_rank(it.finding.severity)))
    by_check = Counter(f.check for f in report.findings)
    by_severity = Counter(f.severity for f in report.findings)
    css, js = _asset("report.css"), _asset("report.js")
    csp = (f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
           "img-src 'none'; base-uri 'none'; form-action 'none'")
    return _template().render(
        title=title, version=__version__, report=report, docs=docs, css=css, js=js, csp=csp,
        checks=sorted(by_check), by_check=sorted(by_check.items(), key=lambda kv: (-kv[1], kv[0])),
        severities=[s for s in reversed(SEVERITIES)], by_severity=by_severity,
        comparison=comparison.counts() if comparison is not None else None,
        against=comparison.against if comparison is not None else "")


def _segment_order(segment: str) -> tuple:
    return (0, int(segment), "") if segment.isdigit() else (1, 0, segment)


def write_html(report: CheckReport, out: IO[str], concepts: Mapping[str, Concept] | None = None,
               comparison: Comparison | None = None) -> None:
    """Write :func:`render_html`'s page to the text stream ``out``."""
    out.write(render_html(report, concepts, comparison))
