"""Glossary file formats, one module each behind :class:`GlossaryFormat`: termkit TSV,
TBX v3 (``tbx``), TBX v2 (``tbx2``), CSV, and TMX (read only)."""

from __future__ import annotations

import contextlib
import itertools
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from termkit.errors import InputError, TermkitError
from termkit.fsutil import atomic_write
from termkit.glossary.formats.base import FormatOptions, GlossaryFormat
from termkit.glossary.formats.csvfile import CSVFormat
from termkit.glossary.formats.tbx2 import TBX2Format
from termkit.glossary.formats.tbx3 import TBX3Format
from termkit.glossary.formats.tmx import TMXFormat
from termkit.glossary.formats.tsv import TSVFormat, append_tsv, read_tsv, write_tsv
from termkit.glossary.merge import MergeReport, merge_stream
from termkit.glossary.model import Concept, Glossary
from termkit.sources import check_regular

FORMATS: dict[str, GlossaryFormat] = {f.name: f for f in (TSVFormat(), TBX3Format(), TBX2Format(), CSVFormat(),
                                                           TMXFormat())}


def get_format(name: str) -> GlossaryFormat:
    """The format called ``name`` (tsv, tbx, tbx2, csv, tmx)."""
    try:
        return FORMATS[name]
    except KeyError:
        raise TermkitError(f"unknown glossary format {name!r}", "use one of " + ", ".join(FORMATS)) from None


def detect_format(path: str) -> GlossaryFormat:
    """Guess a file's format from its extension; for .tbx/.xml, from its root element."""
    suffix = Path(path).suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.extensions and suffix != ".tbx":
            return fmt
    if suffix in (".tbx", ".xml"):
        check_regular(path)
        try:
            with open(path, "rb") as fh:
                head = fh.read(65536)
        except OSError:
            return FORMATS["tbx"]  # the reader reports the error with the path
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 (MultiTerm writes it so)
            head = head.decode("utf-16", errors="ignore").encode("utf-8")
        return FORMATS["tbx2"] if b"<martif" in head else FORMATS["tbx"]
    raise InputError(path, f"unknown glossary file type {suffix or '(no extension)'!r}",
                     "use .tsv, .tbx, .csv or .tmx, or name the format with --from")


def iter_concepts(path: str, fmt: str | None = None) -> Iterator[Concept]:
    """Stream the concepts of a glossary file in any supported format."""
    check_regular(path)
    return (get_format(fmt) if fmt else detect_format(path)).read(path)


def read_glossary(path: str, fmt: str | None = None) -> Glossary:
    """Read a whole glossary file in any supported format."""
    return Glossary(list(iter_concepts(path, fmt)), str(path))


def write_glossary(concepts: Iterable[Concept], path: str | os.PathLike, fmt: str,
                   options: FormatOptions | None = None) -> None:
    """Write ``concepts`` as ``fmt`` atomically (nothing half-written on failure)."""
    writer = get_format(fmt)
    with atomic_write(path, "wb") as fh:
        writer.write(concepts, fh, options or FormatOptions())


@dataclass
class ImportReport(MergeReport):
    """What an import did: the merge report, plus units skipped as longer than a term."""

    replaced: bool = False
    skipped_long: int = 0

    @property
    def concepts(self) -> int:
        """Concepts written by this import."""
        return self.added

    def to_dict(self) -> dict:
        """Plain data for JSON output."""
        return {"concepts": self.added, **super().to_dict(), "replaced": self.replaced,
                "skipped_long": self.skipped_long}


# A TMX unit (or any imported pair) longer than this is a sentence, not a term.
MAX_TERM_WORDS = 10
_LANG_ATTR = re.compile(rb"""<(?:\w+:)?(?:langSet|langSec|tuv)\b[^>]*?\b(?:xml:)?lang\s*=\s*["']"""
                       rb"""([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)["']""")


def languages_in(path: str, limit: int = 1 << 26) -> list[str]:
    """The language codes of an XML termbase's language sections (``langSet``, ``langSec``,
    ``tuv``), scanning its bytes."""
    found: dict[str, None] = {}
    with contextlib.suppress(OSError), open(path, "rb") as fh:
        tail, read = b"", 0
        while read < limit:
            block = fh.read(1 << 20)
            if not block:
                break
            read += len(block)
            for m in _LANG_ATTR.finditer(tail + block):
                found[m.group(1).decode("ascii").lower().replace("_", "-")] = None
            tail = block[-256:]
    return sorted(found)


def _is_term_length(concept: Concept) -> bool:
    return len(concept.fr.split()) <= MAX_TERM_WORDS and len(concept.en.split()) <= MAX_TERM_WORDS


def import_glossary(src: str, dst: str | os.PathLike, fmt: str | None = None, replace: bool = False) -> ImportReport:
    """Import a termbase (TBX v2/v3, CSV, TMX, TSV) into a termkit TSV glossary, streaming.

    Only French and English are kept; concepts without a French term are skipped, and so
    are pairs longer than a term (TMX sentences). An existing glossary is merged into, as
    ``glossary build`` does: its rows stay byte for byte, new concepts are appended, a
    French term already there with another English is a conflict (reported, not added),
    and ids already taken are renamed (reported). ``replace=True`` overwrites it instead.
    A file that yields no FR->EN concept raises :class:`InputError` naming the languages found.
    """
    reader = get_format(fmt) if fmt else detect_format(src)
    report = ImportReport(replaced=replace)
    concepts = reader.read(src)
    first = next(concepts, None)  # nothing is written for a file that yields no concept
    if first is None:
        raise InputError(src, _nothing_found(src, reader), "pass a termbase with French (fr*) terms, "
                         "e.g. an IATE or MultiTerm export that includes French")

    def incoming() -> Iterator[Concept]:
        for concept in itertools.chain([first], concepts):
            if reader.name == "tmx" and not _is_term_length(concept):
                report.skipped_long += 1
                continue
            yield concept

    target = Path(dst)
    if target.exists() and not replace:
        append_tsv(merge_stream(read_tsv(target), incoming(), report, homonyms=True), target)
    else:
        write_tsv(merge_stream(Glossary(), incoming(), report, homonyms=True), target)
    return report


def _nothing_found(src: str, reader: GlossaryFormat) -> str:
    if reader.name in ("tbx", "tbx2", "tmx"):
        langs = languages_in(src)
        return "holds no FR->EN concept (" + (f"languages in the file: {', '.join(langs)}" if langs
                                               else "no entries with a language") + ")"
    return "holds no concept with a French term"


__all__ = ["FORMATS", "FormatOptions", "GlossaryFormat", "ImportReport", "detect_format", "get_format",
           "import_glossary", "iter_concepts", "read_glossary", "read_tsv", "write_glossary", "write_tsv"]
