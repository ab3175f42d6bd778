"""The reviewable TSV glossary format (``glossaries/NAME.fr-en.tsv``).

One row per concept; list cells (variants, forbidden forms, contexts) are joined
with `` | ``. Columns: id, fr, fr_variants, en, en_variants, en_forbidden, type,
pos, subject, status, note, evidence, contexts, definition, en_contexts, confidence,
en_suggestions (the last five optional). Lines starting with ``#`` are comments.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import BinaryIO, TextIO

from termkit.errors import InputError
from termkit.fsutil import atomic_write
from termkit.glossary.formats.base import FormatOptions, GlossaryFormat, parse_confidence
from termkit.glossary.model import STATUSES, Concept, Glossary
from termkit.sources import decode_text, read_bytes

COLUMNS = ("id", "fr", "fr_variants", "en", "en_variants", "en_forbidden", "type", "pos", "subject", "status",
           "note", "evidence", "contexts", "definition", "en_contexts", "confidence", "en_suggestions")
# Columns that can be derived again from the sources: appending to a file without them does
# not rewrite the file to add them (the new rows just leave them out).
DERIVED = {"en_contexts", "confidence", "en_suggestions"}
REQUIRED = ("id", "fr", "en", "status")
LIST_COLUMNS = {"fr_variants", "en_variants", "en_forbidden", "contexts", "en_contexts", "en_suggestions"}
SEP = " | "


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(SEP.strip()) if x.strip()] if cell.strip() else []


def read_tsv(path: str | os.PathLike) -> Glossary:
    """Read a TSV glossary; raises :class:`InputError` naming the line and the fix."""
    name = str(path)
    text = decode_text(read_bytes(name), name)
    lines = text.split("\n")
    header_at = next((k for k, line in enumerate(lines) if line.strip() and not line.startswith("#")), None)
    if header_at is None:
        raise InputError(name, "is empty", f"start it with the header line: {chr(9).join(COLUMNS)}")
    header = [h.strip() for h in lines[header_at].split("\t")]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(name, f"header lacks column(s) {', '.join(missing)}", "use the header: " + " ".join(COLUMNS),
                         line=header_at + 1)
    concepts, seen = [], set()
    for k in range(header_at + 1, len(lines)):
        line = lines[k]
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != len(header):
            raise InputError(name, f"{len(cells)} columns where the header has {len(header)}",
                             "separate cells with exactly one tab each", line=k + 1)
        row = dict(zip(header, cells))
        kw = {c: (_split(row.get(c, "")) if c in LIST_COLUMNS else row.get(c, "").strip()) for c in COLUMNS if c in row}
        if not kw["id"] or not kw["fr"]:
            raise InputError(name, "row without id or fr term", "fill both cells", line=k + 1)
        if kw["id"] in seen:
            raise InputError(name, f"duplicate id {kw['id']!r}", "give each concept its own id", line=k + 1)
        if kw["status"] not in STATUSES:
            raise InputError(name, f"status {kw['status']!r} is not one of {', '.join(STATUSES)}",
                             "use candidate, approved or rejected", line=k + 1)
        if "confidence" in kw:
            kw["confidence"] = parse_confidence(kw["confidence"], name, k + 1)
        seen.add(kw["id"])
        concepts.append(Concept(**kw))
    return Glossary(concepts, name)


def format_row(c: Concept, columns: Sequence[str] = COLUMNS) -> str:
    """One TSV line (with its newline) for a concept, cells in ``columns`` order."""
    cells = []
    for col in columns:
        v = getattr(c, col)
        v = SEP.join(v) if isinstance(v, list) else ("" if v is None else f"{v:.2f}" if isinstance(v, float) else v)
        cells.append(" ".join(str(v).replace("\t", " ").split()))
    return "\t".join(cells) + "\n"


def write_rows(concepts: Iterable[Concept], fh: TextIO) -> None:
    """Write the header and one row per concept to a text handle (streaming)."""
    fh.write("\t".join(COLUMNS) + "\n")
    for c in concepts:
        fh.write(format_row(c))


def read_header(path: str | os.PathLike) -> list[str]:
    """The column names of a TSV glossary's header line."""
    text = decode_text(read_bytes(str(path)), str(path))
    for line in text.split("\n"):
        if line.strip() and not line.startswith("#"):
            return [h.strip() for h in line.split("\t")]
    return []


def append_tsv(concepts: Iterable[Concept], path: str | os.PathLike) -> int:
    """Append concepts to an existing TSV glossary, atomically, leaving every existing byte as it was.

    New rows follow the file's own column order. Only when a new concept has a value for a
    column the file lacks (an imported definition, say) is the file rewritten whole with
    every column, so that nothing is lost. Returns the number of rows appended.
    """
    header = read_header(path)
    missing = [c for c in COLUMNS if c not in header and c not in DERIVED]
    data = read_bytes(str(path))
    added: list[Concept] = []
    widen = False
    with atomic_write(path, "wb") as fh:
        fh.write(data)
        if data and not data.endswith(b"\n"):
            fh.write(b"\n")
        for c in concepts:
            added.append(c)
            widen = widen or any(getattr(c, col) for col in missing)
            fh.write(format_row(c, header).encode("utf-8"))
    if widen:
        write_tsv([*read_tsv(path).concepts[:-len(added)], *added], path)
    return len(added)


def write_tsv(concepts: Iterable[Concept], path: str | os.PathLike) -> None:
    """Write a TSV glossary atomically (a crash never leaves a half-written file)."""
    with atomic_write(path) as fh:
        write_rows(concepts, fh)


class TSVFormat(GlossaryFormat):
    """termkit's own reviewable TSV glossary."""

    name = "tsv"
    extensions = (".tsv",)
    description = "termkit TSV glossary (the reviewed format under glossaries/)"

    def read(self, path: str) -> Iterator[Concept]:
        """The concepts of a TSV glossary."""
        yield from read_tsv(path).concepts

    def write(self, concepts: Iterable[Concept], fh: BinaryIO, options: FormatOptions) -> None:
        """Write a TSV glossary to a binary handle."""
        text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
        write_rows(concepts, text)
        text.flush()
        text.detach()
