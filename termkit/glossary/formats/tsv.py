"""The reviewable TSV glossary format (``glossaries/NAME.fr-en.tsv``).

One row per concept; list cells (variants, forbidden forms, contexts) are joined
with `` | ``. Columns: id, fr, fr_variants, en, en_variants, en_forbidden, type,
pos, subject, status, note, evidence, contexts, definition, en_contexts, confidence,
en_suggestions (all but id, fr, en and status optional). Lines starting with ``#`` are comments.

One line model (:class:`TsvDocument`) is shared by the reader, the row editor and the writer,
so that any Unicode text in any cell round-trips:

* a line ends at LF, CRLF or CR only (never at U+2028, U+0085, VT or FF, which are cell text);
  each line keeps its own ending, and the file keeps its BOM and encoding when a row is edited;
* inside a cell, a backslash, tab, LF, CR and NUL are written ``\\\\``, ``\\t``, ``\\n``, ``\\r``, ``\\0``; in a
  list cell a ``|`` inside an item is ``\\|``; a row's first cell that starts with ``#`` is written
  ``\\#`` (the row is not a comment). Columns termkit does not know are kept as they are. A backslash before any other character is read as itself.
* a cell's outer whitespace is not part of its value.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO, TextIO

from termkit.errors import InputError
from termkit.fsutil import atomic_write
from termkit.glossary.formats.base import FormatOptions, GlossaryFormat, parse_confidence
from termkit.glossary.model import STATUSES, Concept, Glossary
from termkit.sources import read_bytes

COLUMNS = ("id", "fr", "fr_variants", "en", "en_variants", "en_forbidden", "type", "pos", "subject", "status",
           "note", "evidence", "contexts", "definition", "en_contexts", "confidence", "en_suggestions")
# Columns that can be derived again from the sources: appending to a file without them does
# not rewrite the file to add them (the new rows just leave them out).
DERIVED = {"en_contexts", "confidence", "en_suggestions"}
REQUIRED = ("id", "fr", "en", "status")
LIST_COLUMNS = {"fr_variants", "en_variants", "en_forbidden", "contexts", "en_contexts", "en_suggestions"}
SEP = " | "

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")
_UNESCAPE = re.compile(r"\\([\\tnr0|#])")
_UNESCAPED = {"t": "\t", "n": "\n", "r": "\r", "0": "\x00"}


def split_lines(text: str) -> list[str]:
    """The lines of ``text``, each with its own ending (LF, CRLF or CR); no other character ends a line."""
    lines = _LINE.findall(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def escape_cell(value: str, in_list: bool = False) -> str:
    """``value`` as a TSV cell: backslash, tab, LF and CR escaped (and ``|`` inside a list item)."""
    out = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    out = out.replace("\x00", "\\0")
    return out.replace("|", "\\|") if in_list else out


def unescape_cell(cell: str) -> str:
    """The value of a TSV cell (the inverse of :func:`escape_cell`)."""
    return _UNESCAPE.sub(lambda m: _UNESCAPED.get(m.group(1), m.group(1)), cell) if "\\" in cell else cell


def split_list(cell: str) -> list[str]:
    """The items of a list cell: split at every ``|`` that is not escaped, each item stripped."""
    if "\\" not in cell:
        return [x.strip() for x in cell.split("|") if x.strip()]
    items, start, k = [], 0, 0
    while k < len(cell):
        if cell[k] == "\\":
            k += 2
            continue
        if cell[k] == "|":
            items.append(cell[start:k])
            start = k + 1
        k += 1
    items.append(cell[start:])
    return [unescape_cell(x.strip()) for x in items if x.strip()]


def _is_skipped(line: str) -> bool:
    return not line.strip() or line.startswith("#")


def _ending(line: str) -> str:
    return "\r\n" if line.endswith("\r\n") else line[-1] if line.endswith(("\n", "\r")) else ""


_BOMS = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-8-sig": b""}


def _decode(data: bytes, path: str) -> tuple[str, str]:
    """The text of a TSV file and its encoding (utf-8, utf-8-sig, utf-16-le or utf-16-be, the
    last two with their BOM); names the first bad byte."""
    for codec in ("utf-16-le", "utf-16-be"):
        if data.startswith(_BOMS[codec]):
            try:
                return data[2:].decode(codec), codec
            except UnicodeDecodeError as exc:
                raise InputError(path, f"invalid UTF-16 ({exc.reason})", "re-save it as UTF-8") from None
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        start = exc.start + (3 if encoding == "utf-8-sig" else 0)
        line = data.count(b"\n", 0, start) + 1
        column = start - (data.rfind(b"\n", 0, start) + 1) + 1
        raise InputError(path, f"not valid UTF-8 (byte 0x{data[start]:02x})",
                         "convert it to UTF-8, e.g. iconv -f cp1252 -t utf-8 FILE > FILE.utf8",
                         line=line, column=column) from None
    if "\x00" in text:
        raise InputError(path, "looks like a binary file (it holds NUL bytes)", "pass a TSV glossary")
    return text, encoding


@dataclass
class TsvDocument:
    """A TSV glossary as lines: the reader, the row editor and the writer all go through it.

    ``lines`` keep their own line ends; ``ids`` maps each concept id to its line index. Rows are
    parsed only when asked for (:meth:`concept`), so a one-row edit of a large file stays cheap.
    """

    path: str
    lines: list[str]
    header_at: int
    header: list[str]
    ids: dict[str, int] = field(default_factory=dict)
    encoding: str = "utf-8"

    @classmethod
    def parse(cls, text: str, path: str, encoding: str = "utf-8") -> TsvDocument:
        """Split ``text`` into lines and locate the header and every row; raises :class:`InputError`
        for an empty file, a header without the required columns or a duplicate id."""
        lines = split_lines(text)
        header_at = next((k for k, line in enumerate(lines) if not _is_skipped(line)), None)
        if header_at is None:
            raise InputError(path, "is empty" if not text.strip() else "has no header line",
                             f"start it with the header line: {chr(9).join(COLUMNS)}")
        header = [h.strip() for h in lines[header_at].rstrip("\r\n").split("\t")]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise InputError(path, f"header lacks column(s) {', '.join(missing)}",
                             "use the header: " + " ".join(COLUMNS), line=header_at + 1)
        doc = cls(path, lines, header_at, header, {}, encoding)
        for k in range(header_at + 1, len(lines)):
            if _is_skipped(lines[k]):
                continue
            cid = doc._id_of(lines[k])
            if cid in doc.ids:
                raise InputError(path, f"duplicate id {cid!r}", "give each concept its own id", line=k + 1)
            doc.ids[cid] = k
        return doc

    def _id_of(self, line: str) -> str:
        at = self.header.index("id")
        cells = line.rstrip("\r\n").split("\t", at + 1)
        return unescape_cell(cells[at].strip()) if len(cells) > at else ""

    @classmethod
    def read(cls, path: str | os.PathLike) -> TsvDocument:
        """Read the TSV glossary at ``path`` (UTF-8 with or without BOM, or UTF-16 with BOM)."""
        name = str(path)
        text, encoding = _decode(read_bytes(name), name)
        return cls.parse(text, name, encoding)

    @property
    def newline(self) -> str:
        """The line end that new lines get: the header's."""
        return _ending(self.lines[self.header_at]) or "\n"

    def concept(self, concept_id: str) -> Concept:
        """The concept of row ``concept_id``, checked (cells, required values, status)."""
        return self._row(self.ids[concept_id])

    def concepts(self) -> list[Concept]:
        """Every concept, in file order."""
        return [self._row(k) for k in sorted(self.ids.values())]

    def _row(self, k: int) -> Concept:
        return parse_row(self.lines[k], self.header, self.path, k + 1)

    def missing_columns(self, before: Concept, after: Concept) -> list[str]:
        """Columns the file lacks that an edit from ``before`` to ``after`` needs."""
        return [c for c in COLUMNS if c not in self.header and getattr(before, c) != getattr(after, c)]

    def add_columns(self, columns: Sequence[str]) -> None:
        """Append empty columns to the header and every row (each line keeps its ending)."""
        new = [c for c in columns if c not in self.header]
        if not new:
            return
        # each row gets the value it read as while the column was missing: the field's default (TERM, noun)
        blank = Concept("", "")
        pad = "".join("\t" + _cell(getattr(blank, c), c) for c in new)
        for k in [self.header_at, *self.ids.values()]:
            line = self.lines[k]
            body, end = line[: len(line) - len(_ending(line))], _ending(line)
            self.lines[k] = body + ("\t" + "\t".join(new) if k == self.header_at else pad) + end
        self.header += new

    def set_row(self, concept: Concept) -> None:
        """Write ``concept`` over its row, in the file's columns, keeping the row's line end."""
        k = self.ids[concept.id]
        old = self.lines[k].rstrip("\r\n").split("\t")
        keep = {col: old[i] for i, col in enumerate(self.header) if col not in COLUMNS and i < len(old)}
        self.lines[k] = format_row(concept, self.header, _ending(self.lines[k]) or self.newline, keep)

    def insert_after(self, concept_id: str, concept: Concept) -> None:
        """Add ``concept`` as a new row right below the row of ``concept_id``."""
        k = self.ids[concept_id]
        if not _ending(self.lines[k]):
            self.lines[k] += self.newline
        self.lines.insert(k + 1, format_row(concept, self.header, self.newline))
        self._reindex()

    def delete(self, concept_id: str) -> None:
        """Remove the row of ``concept_id``."""
        del self.lines[self.ids[concept_id]]
        self._reindex()

    def append(self, concepts: Iterable[Concept]) -> int:
        """Add rows at the end; returns how many."""
        if self.lines and not _ending(self.lines[-1]):
            self.lines[-1] += self.newline
        n = 0
        for c in concepts:
            self.lines.append(format_row(c, self.header, self.newline))
            self.ids[c.id] = len(self.lines) - 1
            n += 1
        return n

    def _reindex(self) -> None:
        self.ids = {self._id_of(self.lines[k]): k
                    for k in range(self.header_at + 1, len(self.lines)) if not _is_skipped(self.lines[k])}

    def text(self) -> str:
        """The whole file as text."""
        return "".join(self.lines)

    def save(self) -> None:
        """Write the file atomically in its own encoding (BOM kept), through a symlink to its target."""
        with atomic_write(self.path, "wb") as fh:
            fh.write(_BOMS.get(self.encoding, b"") + self.text().encode(self.encoding))


def parse_row(line: str, header: Sequence[str], path: str, number: int) -> Concept:
    """The concept of one row (line ``number`` of ``path``), checked: cells, id and fr, status."""
    cells = line.rstrip("\r\n").split("\t")
    if len(cells) != len(header):
        raise InputError(path, f"{len(cells)} columns where the header has {len(header)}",
                         "separate cells with exactly one tab each", line=number)
    kw: dict = {}
    for col, cell in zip(header, cells):
        if col in LIST_COLUMNS:
            kw[col] = split_list(cell)
        elif col in COLUMNS:
            kw[col] = unescape_cell(cell.strip())
    if not kw["id"] or not kw["fr"]:
        raise InputError(path, "row without id or fr term", "fill both cells", line=number)
    if kw["status"] not in STATUSES:
        raise InputError(path, f"status {kw['status']!r} is not one of {', '.join(STATUSES)}",
                         "use candidate, approved or rejected", line=number)
    if "confidence" in kw:
        kw["confidence"] = parse_confidence(kw["confidence"], path, number)
    return Concept(**kw)


def iter_tsv(path: str | os.PathLike) -> Iterator[Concept]:
    """The concepts of a TSV glossary, streamed line by line (a million-row reference in bounded
    memory). The same line model as :class:`TsvDocument`: a line ends at LF, CRLF or CR only.
    Any error is reported as :func:`read_tsv` reports it (file, line, fix)."""
    import codecs

    from termkit.sources import check_regular

    name = str(path)
    check_regular(name)
    try:
        with open(name, "rb") as raw:
            head = raw.read(3)
    except OSError:
        yield from TsvDocument.read(name).concepts()  # the reader says why, with the path
        return
    codec = ("utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be" if head.startswith(b"\xfe\xff")
             else "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8")
    try:
        with open(name, encoding=codec, newline="") as fh:
            if codec.startswith("utf-16"):
                fh.read(1)  # the BOM
            header: list[str] | None = None
            seen: set[str] = set()
            for number, line in enumerate(fh, 1):
                if "\x00" in line:
                    raise UnicodeError("NUL")
                if _is_skipped(line):
                    continue
                if header is None:
                    header = [h.strip() for h in line.rstrip("\r\n").split("\t")]
                    missing = [c for c in REQUIRED if c not in header]
                    if missing:
                        raise InputError(name, f"header lacks column(s) {', '.join(missing)}",
                                         "use the header: " + " ".join(COLUMNS), line=number)
                    continue
                concept = parse_row(line, header, name, number)
                if concept.id in seen:
                    raise InputError(name, f"duplicate id {concept.id!r}", "give each concept its own id", line=number)
                seen.add(concept.id)
                yield concept
            if header is None:
                raise InputError(name, "is empty", f"start it with the header line: {chr(9).join(COLUMNS)}")
    except UnicodeError:
        TsvDocument.read(name)  # reads the whole file to name the line and column of the bad byte
        raise


def read_tsv(path: str | os.PathLike) -> Glossary:
    """Read a TSV glossary; raises :class:`InputError` naming the line and the fix."""
    doc = TsvDocument.read(path)
    return Glossary(doc.concepts(), doc.path)


def _cell(value, column: str) -> str:
    if isinstance(value, list):
        return SEP.join(escape_cell(v, in_list=True) for v in value)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return escape_cell(str(value))


def format_row(c: Concept, columns: Sequence[str] = COLUMNS, end: str = "\n", keep: dict | None = None) -> str:
    """One TSV line (with its line end) for a concept, cells in ``columns`` order; ``keep``: the
    cells, as they are, of columns termkit does not know (a team's own column). A first cell that
    starts with ``#`` is written ``\\#``, so that the row is never read as a comment."""
    keep = keep or {}
    cells = [keep.get(col, "") if col not in COLUMNS else _cell(getattr(c, col), col) for col in columns]
    if cells and cells[0].startswith("#"):
        cells[0] = "\\" + cells[0]
    return "\t".join(cells) + end


def write_rows(concepts: Iterable[Concept], fh: TextIO) -> None:
    """Write the header and one row per concept to a text handle (streaming)."""
    fh.write("\t".join(COLUMNS) + "\n")
    for c in concepts:
        fh.write(format_row(c))


def read_header(path: str | os.PathLike) -> list[str]:
    """The column names of a TSV glossary's header line."""
    return TsvDocument.read(path).header


def append_tsv(concepts: Iterable[Concept], path: str | os.PathLike) -> int:
    """Append concepts to an existing TSV glossary, atomically, leaving every existing byte as it was.

    New rows follow the file's own column order and line ends. Only when a new concept has a
    value for a column the file lacks (an imported definition, say) is that column added to the
    header and to every row (each gets one empty cell more), so that nothing is lost.
    Returns the number of rows appended.
    """
    doc = TsvDocument.read(path)
    added = list(concepts)
    blank = Concept("", "")
    needed = [c for c in COLUMNS if c not in doc.header and c not in DERIVED
              and any(getattr(x, c) != getattr(blank, c) and getattr(x, c) for x in added)]
    doc.add_columns(needed)
    n = doc.append(added)
    doc.save()
    return n


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
        """The concepts of a TSV glossary, streamed line by line (bounded memory)."""
        yield from iter_tsv(path)

    def write(self, concepts: Iterable[Concept], fh: BinaryIO, options: FormatOptions) -> None:
        """Write a TSV glossary to a binary handle."""
        text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
        write_rows(concepts, text)
        text.flush()
        text.detach()
