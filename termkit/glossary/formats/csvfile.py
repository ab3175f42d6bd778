"""CSV, one row per concept, with language-code term columns as memoQ and Phrase import them.

Header: ``id, fr, fr_variants, en, en_variants, en_forbidden, type, pos, subject,
definition, status, note, evidence, contexts, confidence, en_suggestions``, where ``fr``/``en`` are the locales
asked for (``fr-FR``, ``en-GB`` ...). List cells are joined with `` | ``. UTF-8 with a
BOM so that spreadsheet programs open accents correctly. A cell that a spreadsheet would run
as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or CR) is written with a leading
``'`` (OWASP's advice against CSV injection); reading drops it again. NUL, which no
spreadsheet cell holds, is left out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from termkit.errors import InputError
from termkit.glossary.formats.base import FormatOptions, GlossaryFormat, parse_confidence
from termkit.glossary.formats.tsv import SEP, escape_cell, split_list
from termkit.glossary.model import STATUSES, Concept, concept_id, normalize_pos
from termkit.safetext import neutralise_formula, restore_formula
from termkit.sources import decode_text, read_bytes

FIELDS = ("id", "fr", "fr_variants", "en", "en_variants", "en_forbidden", "type", "pos", "subject", "definition",
          "status", "note", "evidence", "contexts", "confidence", "en_suggestions")
LISTS = {"fr_variants", "en_variants", "en_forbidden", "contexts", "en_suggestions"}


def _text(value) -> str:
    """A cell's text: list items joined with `` | `` (a ``|`` inside an item escaped), 2-decimal floats."""
    if isinstance(value, list):
        return SEP.join(escape_cell(v, in_list=True) if "|" in v or "\\" in v else v for v in value)
    return "" if value is None else f"{value:.2f}" if isinstance(value, float) else value


def _header(field: str, locales: dict[str, str]) -> str:
    lang, _, rest = field.partition("_")
    return locales[lang] + ("_" + rest if rest else "") if lang in locales else field


def _field(header: str) -> str:
    head, sep, rest = header.strip().partition("_")
    lang = head.split("-")[0].lower()
    return lang + sep + rest if lang in ("fr", "en") else header.strip().lower()


class CSVFormat(GlossaryFormat):
    """CSV for spreadsheet-style term base imports (memoQ, Phrase)."""

    name = "csv"
    extensions = (".csv",)
    description = "CSV, one row per concept, language-code columns (memoQ, Phrase)"

    def read(self, path: str) -> Iterator[Concept]:
        """Concepts of a CSV file; needs at least ``fr`` (any fr-XX) and ``en`` columns."""
        text = decode_text(read_bytes(path), path, newlines=False)
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, None)
        if not header:
            raise InputError(path, "is empty", "start it with a header such as: " + ",".join(FIELDS))
        fields = [_field(h) for h in header]
        if "fr" not in fields or "en" not in fields:
            raise InputError(path, f"header has no fr and en term columns (its columns: {', '.join(header)})",
                             "name them fr and en (or fr-FR, en-GB ...)", line=1)
        seen: set[str] = set()
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(fields):
                raise InputError(path, f"{len(row)} cells where the header has {len(fields)}",
                                 "quote cells that hold commas", line=line)
            cells = {f: restore_formula(cell) for f, cell in zip(fields, row)}
            # Concept's fields by name: text cells, list cells, and below the parsed confidence
            kw: dict[str, Any] = {f: (split_list(cells[f]) if f in LISTS else cells[f].strip()) for f in FIELDS if f in cells}
            if not kw.get("fr"):
                continue
            if kw.get("id"):
                if kw["id"] in seen:
                    raise InputError(path, f"duplicate id {kw['id']!r}", "give each concept its own id", line=line)
            else:
                base, n = concept_id(kw["fr"]), 2
                kw["id"] = base
                while kw["id"] in seen:
                    kw["id"], n = f"{base}-{n}", n + 1
            seen.add(kw["id"])
            kw["status"] = kw.get("status") or "approved"
            if kw["status"] not in STATUSES:
                raise InputError(path, f"status {kw['status']!r} is not one of {', '.join(STATUSES)}",
                                 "use candidate, approved or rejected", line=line)
            kw["confidence"] = parse_confidence(kw.get("confidence", ""), path, line)
            kw["type"] = kw.get("type") or "TERM"
            kw["pos"] = normalize_pos(kw.get("pos") or "")
            yield Concept(**kw)

    def write(self, concepts: Iterable[Concept], fh: BinaryIO, options: FormatOptions) -> None:
        """Write UTF-8 CSV (with BOM), one row per concept."""
        text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
        writer = csv.writer(text)
        writer.writerow([_header(f, options.locales) for f in FIELDS])
        for c in concepts:
            writer.writerow([neutralise_formula(_text(getattr(c, f)).replace("\x00", "")) for f in FIELDS])
        text.flush()
        text.detach()
