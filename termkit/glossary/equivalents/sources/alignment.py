"""Options from the word alignment of each occurrence: the aligned span, its widenings and its
noun-phrase pieces, and a currency that the English writes as a symbol."""

from __future__ import annotations

from termkit.extract.model import TERM
from termkit.glossary.equivalents.pairs import PairIndex
from termkit.glossary.equivalents.sources.base import Gathering, OptionSource, register
from termkit.textnorm import en_key, fold


@register
class AlignmentSource(OptionSource):
    """The English phrase the word alignment links to each occurrence of the French term;
    ``alignment`` when consistent with it, ``loose alignment`` otherwise, ``widened`` for the
    span grown by a content word or two. Records the aligned English words in the gathering."""

    name = "alignment"

    def gather(self, index: PairIndex, found: Gathering) -> None:
        """Add the aligned options of every occurrence."""
        cand, add = found.cand, found.add
        for k, i, j in found.occs:
            currency = index.currency(k, i, j)
            if currency:  # "dollars" where the English writes "$"
                add(currency, "alignment", "written as a symbol").aligned += 1
            span = index.aligned_span(k, i, j)
            if not span:
                continue
            lo, hi, consistent = span
            opt = add(index.phrase(k, lo, hi, cand), "alignment" if consistent else "loose alignment")
            if consistent:
                opt.aligned += 1
            else:
                opt.loose += 1
            found.aligned_words |= {en_key(fold(index.en_tokens[k][x].text)) for x in range(lo, hi + 1)}
            widened = index.widened(k, lo, hi)
            pieces = dict.fromkeys(index.pieces(k, lo, hi))
            for a, b in widened:
                add(index.phrase(k, a, b, cand), "widened").near += 1
                pieces.update(dict.fromkeys(index.pieces(k, a, b)))
            if cand.type != TERM:  # a name's span without the common words around it
                pieces.update(dict.fromkeys(c for span in [(lo, hi), *widened, *pieces]
                                            if (c := index.capitalised_core(k, *span)) and c != span))
            for a, b in pieces:
                if (a, b) != (lo, hi) and (a, b) not in widened:
                    add(index.phrase(k, a, b, cand), "loose alignment").loose += 1
