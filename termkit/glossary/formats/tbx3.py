"""TBX v3 (ISO 30042:2019), TBX-Basic dialect, DCA style: ``<tbx>``, conceptEntry/langSec/termSec.

Valid against the TBX v3 core RNG and the TBX-Basic DCA Schematron. v3 TBX-Basic has
no ``properNoun`` part of speech: names are written as ``noun`` and the original kept
in a ``termkit-pos`` note. Reading accepts any v3 dialect (IATE-style multilingual
exports included) and keeps French and English.
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

NS = "urn:iso:std:iso:30042:ed-2"
POS = {"adjective", "noun", "other", "verb", "adverb"}
RNG_PI = ('<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng" '
          'type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>')
SCH_PI = ('<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/'
          'TBX-Basic_DCA.sch" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>')


class TBX3Format(GlossaryFormat):
    """TBX v3 TBX-Basic (DCA)."""

    name = "tbx"
    extensions = (".tbx",)
    description = "TBX v3 (ISO 30042:2019) TBX-Basic, DCA style"

    def read(self, path: str) -> Iterator[Concept]:
        """Stream the concepts of a v3 file (fr and en kept, other languages dropped)."""
        for elem in iter_elements(path, {"conceptEntry"}, {"tbx"}, "pass a TBX v3 file (<tbx> root) or use tbx2"):
            concept = entry_to_concept(element_to_entry(elem))
            if concept is not None:
                yield concept

    def write(self, concepts: Iterable[Concept], fh: BinaryIO, options: FormatOptions) -> None:
        """Write TBX-Basic v3, one conceptEntry at a time."""
        head = (f'<?xml version="1.0" encoding="UTF-8"?>\n{RNG_PI}\n{SCH_PI}\n'
                f'<tbx xmlns="{NS}" type="TBX-Basic" style="dca" xml:lang="{options.locales["en"]}">\n'
                f'<tbxHeader><fileDesc><titleStmt><title>{escape(options.title)}</title></titleStmt>'
                f'<sourceDesc><p>Exported by termkit</p></sourceDesc></fileDesc></tbxHeader>\n<text><body>\n')
        entries = (entry_to_element(concept_to_entry(c, POS), "termSec", "langSec", "conceptEntry", options.locales)
                   for c in concepts)
        write_document(fh, head, entries, "</body></text>\n</tbx>\n")
