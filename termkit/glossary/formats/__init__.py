"""Glossary file formats, one module each behind :class:`GlossaryFormat`: termkit TSV,
TBX v3 (``tbx``), TBX v2 (``tbx2``), CSV, and TMX (read only)."""

from __future__ import annotations

import os
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
from termkit.glossary.formats.tsv import TSVFormat, read_tsv, write_tsv
from termkit.glossary.model import Concept, Glossary

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
        try:
            with open(path, "rb") as fh:
                head = fh.read(65536)
        except OSError:
            return FORMATS["tbx"]  # the reader reports the error with the path
        return FORMATS["tbx2"] if b"<martif" in head else FORMATS["tbx"]
    raise InputError(path, f"unknown glossary file type {suffix or '(no extension)'!r}",
                     "use .tsv, .tbx, .csv or .tmx, or name the format with --from")


def iter_concepts(path: str, fmt: str | None = None) -> Iterator[Concept]:
    """Stream the concepts of a glossary file in any supported format."""
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
class ImportReport:
    """What an import did: concepts written, and ids renamed because they were taken."""

    concepts: int = 0
    with_english: int = 0
    renamed: int = 0


def import_glossary(src: str, dst: str | os.PathLike, fmt: str | None = None) -> ImportReport:
    """Convert a termbase (TBX v2/v3, CSV, TMX, TSV) into a termkit TSV glossary, streaming.

    Only French and English are kept; concepts without a French term are skipped.
    """
    report = ImportReport()
    ids: set[str] = set()

    def stream() -> Iterator[Concept]:
        for concept in iter_concepts(src, fmt):
            base, n = concept.id, 2
            while concept.id in ids:
                concept.id = f"{base}-{n}"
                n += 1
            report.renamed += concept.id != base
            ids.add(concept.id)
            report.concepts += 1
            report.with_english += bool(concept.en)
            yield concept

    write_tsv(stream(), dst)
    return report


__all__ = ["FORMATS", "FormatOptions", "GlossaryFormat", "ImportReport", "detect_format", "get_format",
           "import_glossary", "iter_concepts", "read_glossary", "read_tsv", "write_glossary", "write_tsv"]
