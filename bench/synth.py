"""Deterministic synthetic FR-EN termbases for the format and lookup benchmarks.

Terms are three real words (wordfreq's most frequent French/English words, 4+ letters),
chosen so that every concept's terms are unique: concept k uses words
a = k mod V, b = (k div V) mod V, c = (31a + 17b + k div V^2) mod V of a shuffled
vocabulary of V words (unique triples for k < V^3).
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from wordfreq import top_n_list

from termkit.glossary.model import Concept


def _vocab(lang: str, size: int, seed: int) -> list[str]:
    words = [w for w in top_n_list(lang, size * 4) if len(w) >= 4 and w.isalpha()][:size]
    random.Random(seed).shuffle(words)
    return words


def synthetic_concepts(n: int, vocab: int = 1500) -> Iterator[Concept]:
    """``n`` concepts with unique French and English terms, some variants and forbidden forms."""
    fr, en = _vocab("fr", vocab, 1), _vocab("en", vocab, 2)
    for k in range(n):
        a, b = k % vocab, (k // vocab) % vocab
        c = (31 * a + 17 * b + k // (vocab * vocab)) % vocab
        f = f"{fr[a]} {fr[b]} {fr[c]}"
        e = f"{en[a]} {en[b]} {en[c]}"
        yield Concept(
            id=f"c{k}", fr=f, en=e,
            fr_variants=[f"{fr[a]}-{fr[b]} {fr[c]}"] if k % 3 == 0 else [],
            en_variants=[f"{en[a]}-{en[b]} {en[c]}"] if k % 3 == 0 else [],
            en_forbidden=[f"{en[b]} {en[a]} {en[c]}"] if k % 5 == 0 else [],
            type="TERM", pos="noun", subject="synthetic", status="approved",
            note="synthetic concept" if k % 7 == 0 else "",
        )
