"""TBX v2 (ISO 30042:2008), TBX-Basic: ``<martif type="TBX-Basic">``, termEntry/langSet/tig.

Valid against the TBX-Basic core-structure DTD and RNG. This is the TBX that OmegaT,
Trados MultiTerm and memoQ read. ``numeric_ids`` writes entry ids c1, c2, ... (an XML
ID cannot start with a digit, so MultiTerm's entry numbers get a ``c``), keeping the
termkit id in a ``termkit-id`` note. Reading accepts any martif dialect (IATE included).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO
from xml.sax.saxutils import escape

from termkit.glossary.formats.base import FormatOptions, GlossaryFormat
from termkit.glossary.formats.tbxcommon import (
    concept_to_entry,
    element_to_entry,
    entry_to_concept,
    entry_to_element,
    write_document,
)
from termkit.glossary.formats.xmlsafe import iter_elements
from termkit.glossary.model import Concept

POS = {"adjective", "noun", "other", "verb", "adverb", "properNoun"}
DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'


class TBX2Format(GlossaryFormat):
    """TBX v2 TBX-Basic (martif)."""

    name = "tbx2"
    extensions = (".tbx",)
    description = "TBX v2 TBX-Basic (martif), for OmegaT, MultiTerm, memoQ"

    def read(self, path: str) -> Iterator[Concept]:
        """Stream the concepts of a martif file (fr and en kept, other languages dropped)."""
        for elem in iter_elements(path, {"termEntry"}, {"martif"}, "pass a TBX v2 file (<martif> root) or use tbx"):
            concept = entry_to_concept(element_to_entry(elem))
            if concept is not None:
                yield concept

    def write(self, concepts: Iterable[Concept], fh: BinaryIO, options: FormatOptions) -> None:
        """Write TBX-Basic v2, one termEntry at a time."""
        head = (f'<?xml version="1.0" encoding="UTF-8"?>\n{DOCTYPE}\n'
                f'<martif type="TBX-Basic" xml:lang="{options.locales["en"]}">\n<martifHeader><fileDesc>'
                f'<titleStmt><title>{escape(options.title)}</title></titleStmt>'
                f'<sourceDesc><p>Exported by termkit</p></sourceDesc></fileDesc>'
                f'<encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc></martifHeader>\n<text><body>\n')
        entries = (entry_to_element(concept_to_entry(c, POS, f"c{n}" if options.numeric_ids else None,
                                                     options.cat_tool != "omegat"),
                                    "tig", "langSet", "termEntry", options.locales)
                   for n, c in enumerate(concepts, 1))
        write_document(fh, head, entries, "</body></text>\n</martif>\n")
