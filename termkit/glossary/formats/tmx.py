"""TMX as a bilingual glossary source: each translation unit with French and English
segments becomes a candidate concept (French segment -> English segment).

Streams with lxml; TMX 1.1-1.4 language attributes (``xml:lang``/``lang``) and any
regional codes (fr-FR, en-GB) are accepted. Writing TMX translation memory from
aligned articles lives in :mod:`termkit.tm`.
"""

from __future__ import annotations

from collections.abc import Iterator

from termkit.glossary.formats.base import GlossaryFormat
from termkit.glossary.formats.xmlsafe import iter_elements, local
from termkit.glossary.model import Concept, concept_id

# TMX inline codes: their content is the native markup they stand for (<b>, {1}), not text.
INLINE_CODES = {"bpt", "ept", "ph", "it", "ut"}


def plain_text(seg) -> str:
    """The text of a TMX ``<seg>``: inline codes (bpt, ept, ph, it, ut) left out, the text
    around them and inside ``<hi>`` kept with its spaces; runs of whitespace made single."""
    parts = [seg.text or ""]

    def walk(elem) -> None:
        for child in elem:
            if local(child.tag) not in INLINE_CODES:
                parts.append(child.text or "")
                walk(child)
            parts.append(child.tail or "")

    walk(seg)
    return " ".join("".join(parts).split())


class TMXFormat(GlossaryFormat):
    """TMX read as a bilingual glossary (read only)."""

    name = "tmx"
    extensions = (".tmx",)
    description = "TMX translation units read as FR->EN glossary entries (import only)"

    def read(self, path: str) -> Iterator[Concept]:
        """One candidate concept per unit holding both a French and an English segment."""
        seen: dict[str, int] = {}
        for tu in iter_elements(path, {"tu"}, {"tmx"}, "pass a TMX file (<tmx> root)"):
            segs: dict[str, str] = {}
            for tuv in tu:
                if local(tuv.tag) != "tuv":
                    continue
                lang = (tuv.get("{http://www.w3.org/XML/1998/namespace}lang") or tuv.get("lang") or "")
                lang = lang.split("-")[0].split("_")[0].lower()
                seg = next((s for s in tuv if local(s.tag) == "seg"), None)
                if lang in ("fr", "en") and seg is not None and lang not in segs:
                    segs[lang] = plain_text(seg)
            if segs.get("fr") and segs.get("en"):
                base = tu.get("tuid") or concept_id(segs["fr"])[:60]
                n = seen.get(base, 0) + 1
                seen[base] = n
                yield Concept(id=base if n == 1 else f"{base}-{n}", fr=segs["fr"], en=segs["en"], status="candidate",
                              evidence=f"TMX {path}")
