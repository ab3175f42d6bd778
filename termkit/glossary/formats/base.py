"""The interface every glossary file format implements: read concepts, write concepts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from termkit.errors import TermkitError
from termkit.glossary.model import Concept

LANGS = ("fr", "en")
_LOCALE_RE = re.compile(r"^(fr|en)(-([A-Z]{2}|[0-9]{3}))?$")


@dataclass
class FormatOptions:
    """How to write a glossary file.

    ``locales``: the language code written for French and English (``fr`` or ``fr-FR``,
    ``en``, ``en-US`` or ``en-GB``), since CAT tools match codes differently;
    ``numeric_ids``: TBX v2 entry ids ``c1``, ``c2``, ... as MultiTerm writes them (the
    termkit id is kept in a note); ``title``: the file's title where the format has one;
    ``cat_tool``: the CAT tool a TBX v2 file is for (omegat, multiterm, memoq, phrase).
    MultiTerm, memoQ and Phrase honour ``deprecatedTerm-admn-sts``, so forbidden English
    forms are written as deprecated terms (as in TBX v3, always); OmegaT ignores term
    statuses and would offer them as translations, so for OmegaT they go into a "do not
    use" note and terms carry no status (the first is the preferred one).
    """

    locales: dict[str, str] = field(default_factory=lambda: {"fr": "fr", "en": "en"})
    numeric_ids: bool = False
    cat_tool: str = "omegat"
    title: str = "termkit FR-EN glossary"

    @classmethod
    def with_locales(cls, codes: Iterable[str], **kwargs) -> FormatOptions:
        """Options whose locales are ``codes`` (e.g. ``["fr-FR", "en-GB"]``), validated."""
        locales = {"fr": "fr", "en": "en"}
        for code in codes:
            m = _LOCALE_RE.match(code)
            if not m:
                raise TermkitError(f"--locale {code!r} is not a French or English locale",
                                   "use fr, fr-FR, fr-CA, en, en-US, en-GB ...")
            locales[m.group(1)] = code
        return cls(locales=locales, **kwargs)


def parse_confidence(cell: str, path: str, line: int) -> float | None:
    """A confidence cell (empty, or a number from 0 to 1); anything else is an
    :class:`~termkit.errors.InputError` naming the file and line."""
    from termkit.errors import InputError

    if not cell.strip():
        return None
    try:
        value = float(cell)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise InputError(path, f"confidence {cell.strip()!r} is not a number between 0 and 1",
                         "write it like 0.85, or leave the cell empty", line=line)
    return value


class GlossaryFormat:
    """One glossary file format: reading and writing live together in its module.

    ``read`` yields concepts one at a time (large files stream); ``write`` writes
    concepts to a binary file handle. Readers raise :class:`~termkit.errors.InputError`
    naming the file and line on bad input.
    """

    name: str = ""
    extensions: tuple[str, ...] = ()
    description: str = ""

    def read(self, path: str) -> Iterator[Concept]:
        """Yield the concepts of the file at ``path``."""
        raise NotImplementedError(f"termkit cannot read {self.name}")

    def write(self, concepts: Iterable[Concept], fh: BinaryIO, options: FormatOptions) -> None:
        """Write ``concepts`` to ``fh``."""
        raise NotImplementedError(f"termkit cannot write {self.name}")
