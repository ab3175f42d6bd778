"""Options written the same in the English: names, codes, brands kept as written."""

from __future__ import annotations

from termkit.glossary.equivalents.english import contains, surface_in
from termkit.glossary.equivalents.pairs import PairIndex
from termkit.glossary.equivalents.sources.base import Gathering, OptionSource, register
from termkit.textnorm import fold


@register
class IdenticalSource(OptionSource):
    """A French form that the linked English holds as written (in the English's own case and accents)."""

    name = "identical"

    def gather(self, index: PairIndex, found: Gathering) -> None:
        """Add each French form the linked English sentences hold."""
        for form in found.cand.forms:
            f = fold(form)
            hits = [k for k in found.links if contains(index.en_fold[k], f)]
            if hits:
                found.add(surface_in(index.pairs[hits[0]][1], form) or form, "identical")
