"""Options from reference data: CLDR country, territory and city names, places, subdivisions
and organisations (:mod:`termkit.reference`)."""

from __future__ import annotations

from termkit.extract.model import TERM
from termkit.glossary.equivalents.pairs import PairIndex
from termkit.glossary.equivalents.sources.base import Gathering, OptionSource, register
from termkit.reference import lookup


@register
class ReferenceSource(OptionSource):
    """The reference name of a form (capitalised forms only: a common noun is never a country)."""

    name = "reference"

    def gather(self, index: PairIndex, found: Gathering) -> None:
        """Add the reference English of the first form that has one."""
        cand = found.cand
        for form in cand.forms:
            hit = lookup(form) if cand.type != TERM or form[:1].isupper() else None
            if hit:
                found.add(hit[0], "reference", f"{hit[1]}: {form} -> {hit[0]}")
                break
