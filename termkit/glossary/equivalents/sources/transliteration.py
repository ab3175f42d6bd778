"""Options from transliteration rules (:mod:`termkit.glossary.translit`): a name romanised the
French way (Tokaïev) rendered the English way (Tokayev)."""

from __future__ import annotations

from termkit.extract.model import TERM
from termkit.glossary.equivalents.pairs import PairIndex
from termkit.glossary.equivalents.sources.base import Gathering, OptionSource, register
from termkit.glossary.translit import transliterate
from termkit.textnorm import fold, graphical_variants


@register
class TransliterationSource(OptionSource):
    """A name's transliteration by rules, confirmed by a graphically similar string in the
    linked English (or alone, when there is no English)."""

    name = "transliteration"

    def gather(self, index: PairIndex, found: Gathering) -> None:
        """Add the rules' form as the English writes it, or the rules' form itself without English."""
        cand, links = found.cand, found.links
        if cand.type == TERM:
            return
        guess = transliterate(cand.canonical)
        target = fold(guess).split()
        if target == fold(cand.canonical).split():
            return
        for k in links:
            words = index.en_words[k]
            for i in range(len(words) - len(target) + 1):
                window = words[i:i + len(target)]
                if all(graphical_variants(fold(w), t, min_len=4) or fold(w) == t for w, t in zip(window, target)):
                    found.add(" ".join(window), "transliteration", f"rules give {guess}")
                    break
        if not links:
            found.add(guess, "transliteration", f"rules give {guess} (no aligned English)")
