"""Options from the FR->EN word lexicon (:mod:`termkit.glossary.lexicon`): a term's renderings
composed word by word with English word order (*ventes de voitures* -> *car sales*), kept when
the linked English writes one of them. The aligner may miss such a rendering, or give it with a
word too many; the lexicon also confirms an option other sources found (the ``lexicon`` feature)."""

from __future__ import annotations

from termkit.extract.model import TERM
from termkit.glossary.equivalents.english import contains, surface_in
from termkit.glossary.equivalents.pairs import PairIndex
from termkit.glossary.equivalents.sources.base import Gathering, OptionSource, register
from termkit.glossary.lexicon import en_plural, en_singular, suggest_terms
from termkit.textnorm import fold

COMPOSITIONS = 10  # renderings looked for in the English (more than the three a French-only build shows)


@register
class LexiconSource(OptionSource):
    """A term's lexicon renderings (singular or plural) that the linked English holds."""

    name = "lexicon"

    def gather(self, index: PairIndex, found: Gathering) -> None:
        """Add each composed rendering that a linked English sentence writes."""
        if found.cand.type != TERM or not found.links:
            return
        for r in suggest_terms(found.cand.canonical, top=COMPOSITIONS):
            words = r.en.split()
            for form in dict.fromkeys([r.en, " ".join([*words[:-1], en_plural(words[-1])]),
                                       " ".join([*words[:-1], en_singular(words[-1])])]):
                f = fold(form)
                hit = next((k for k in found.links if contains(index.en_fold[k], f)), None)
                if hit is not None:
                    found.add(surface_in(index.pairs[hit][1], form) or form, "lexicon", "composed from the word lexicon")
                    break
