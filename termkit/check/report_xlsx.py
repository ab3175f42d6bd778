"""The check report as a spreadsheet (openpyxl): one row per finding, for revisers who filter,
annotate and send it back.

Columns: document, segment, check, severity, source, target, marked spans, concept,
suggestion, and empty "status" and "comment" columns. The header is frozen, every column
has a filter, text wraps. No cell can be read as a formula
(:func:`termkit.safetext.neutralise_formula`). openpyxl is the optional extra
``termkit[report]``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, TYPE_CHECKING

from termkit.check.model import CheckReport, Finding
from termkit.errors import TermkitError
from termkit.glossary.model import Concept
from termkit.safetext import neutralise_formula

if TYPE_CHECKING:
    from termkit.check.compare import Comparison

COLUMNS = ("document", "segment", "check", "severity", "source", "target", "marked spans", "concept",
           "suggestion", "status", "comment")
WIDTHS = (22, 9, 14, 9, 60, 60, 30, 30, 25, 12, 30)


def require_openpyxl() -> None:
    """Raise a one-line :class:`TermkitError` (exit 2) when openpyxl is not installed."""
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise TermkitError("--format xlsx needs openpyxl, which is not installed",
                           "pip install 'termkit[report]'") from None


def _cell(text: object) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return neutralise_formula(ILLEGAL_CHARACTERS_RE.sub("", " ".join(str(text or "").split())))


def concept_label(concept_id: str, concepts: Mapping[str, Concept]) -> str:
    """``id: French = English (forbidden: a, b)`` when the concept is known, else its id."""
    c = concepts.get(concept_id) if concept_id else None
    if c is None:
        return concept_id
    label = f"{c.id}: {c.fr} = {', '.join(c.en_forms()) or '(no English)'}"
    return label + (f" (forbidden: {', '.join(c.en_forbidden)})" if c.en_forbidden else "")


def marked_spans(f: Finding) -> str:
    """The finding's spans: ``FR: span | EN: span`` (the sides that have one)."""
    return " | ".join(f"{side}: {span}" for side, span in (("FR", f.source_span), ("EN", f.target_span)) if span)


def finding_row(f: Finding, concepts: Mapping[str, Concept] | None = None) -> list[str]:
    """One spreadsheet row for ``f`` (values not yet neutralised), in :data:`COLUMNS` order."""
    return [f.doc, f.segment, f.check, f.severity, f.source_text, f.target_text, marked_spans(f),
            concept_label(f.concept, concepts or {}), f.suggestion, "", ""]


def write_xlsx(report: CheckReport, out: IO[bytes], concepts: Mapping[str, Concept] | None = None,
               comparison: Comparison | None = None) -> None:
    """Write the findings of ``report`` as an .xlsx workbook to the binary stream ``out``.

    The finding's message is a note on its "check" cell. A second sheet, "summary", holds the
    counts, the sacrebleu scores and, with ``comparison``, the new/fixed/unchanged counts.
    """
    require_openpyxl()
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "findings"
    ws.append(list(COLUMNS))
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDDDDD")
    for cell in ws[1]:
        cell.font, cell.fill = bold, fill
    wrap = Alignment(wrap_text=True, vertical="top")
    for n, f in enumerate(report.findings, start=2):
        for col, value in enumerate(finding_row(f, concepts), start=1):
            cell = ws.cell(row=n, column=col)
            if col == 2 and value.isdigit():
                cell.value = int(value)  # segment numbers sort as numbers
            elif value:
                cell.value = _cell(value)
                cell.data_type = "s"  # never a formula, whatever openpyxl guesses
            cell.alignment = wrap
        if f.message:
            ws.cell(row=n, column=3).comment = Comment(_cell(f.message), "termkit")
    for col, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(1, len(report.findings) + 1)}"
    info = wb.create_sheet("summary")
    info.append(["documents", report.documents])
    info.append(["segments", report.segments])
    info.append(["findings", len(report.findings)])
    for s in report.scores:
        info.append([_cell(s.name), s.score, _cell(s.signature)])
    if comparison is not None:
        info.append(["compared with", _cell(comparison.against)])
        for name, count in comparison.counts().items():
            info.append([name, count])
    wb.save(out)
