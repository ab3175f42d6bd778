"""Options from co-occurrence: the English n-grams most associated (Dice) with the candidate's pairs."""

from __future__ import annotations

from collections import Counter, defaultdict

from termkit.glossary.equivalents.pairs import PairIndex
from termkit.glossary.equivalents.sources.base import Gathering, OptionSource, register
from termkit.textnorm import en_key, fold

TOP_NGRAMS = 4  # how many of the best-associated n-grams become options


@register
class CooccurrenceSource(OptionSource):
    """The best few n-grams of the linked English by Dice co-occurrence; ties go to n-grams
    holding aligned words, then to a length close to the French term's."""

    name = "cooccurrence"

    def gather(self, index: PairIndex, found: Gathering) -> None:
        """Add the best-associated n-grams of the candidate's linked pairs."""
        links = found.links
        cooc: Counter[str] = Counter()
        surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        for k in links:
            seen = set()
            for g in index.grams[k]:
                gk = en_key(g)
                surfaces[gk][g] += 1
                if gk not in seen:
                    cooc[gk] += 1
                    seen.add(gk)
        n_fr = len(fold(found.cand.canonical).split())
        ranked = sorted(cooc, key=lambda gk: (-round(2 * cooc[gk] / (len(links) + index.gram_freq[gk]), 2),
                                              -len(set(gk.split()) & found.aligned_words),
                                              abs(len(gk.split()) - n_fr), gk))
        for gk in ranked[:TOP_NGRAMS]:
            for surface, c in surfaces[gk].items():
                opt = found.add(surface, "cooccurrence")
                opt.surfaces[surface] += c - 1
