"""Acronym <-> expansion matching (Schwartz & Hearst style, plus strict initials)."""

from __future__ import annotations

import re

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$|^[A-Z](?:[a-z]?[A-Z]){1,5}$")
FUNCTION_WORDS = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "a", "au", "aux", "pour", "sur", "of", "the", "and", "for"}


def is_acronym_token(form: str) -> bool:
    """A word of running text written as an acronym: ONU, EXIM, AIEA, PDG, S&P, or mixed case
    with at least two capitals (BdF). Not :func:`termkit.textnorm.is_acronym`, which asks
    whether a glossary form is written in capitals (C5+1, G7)."""
    return bool(_ACRONYM.match(form)) and sum(c.isupper() for c in form) >= 2


def content_words(expansion_fold: str) -> list[str]:
    """Words of a folded expansion that can give letters to an acronym."""
    return [w for w in expansion_fold.split() if w not in FUNCTION_WORDS]


def initials_match(acronym_fold: str, expansion_fold: str) -> bool:
    """ONU = Organisation des Nations unies: one initial per content word (hyphen parts count)."""
    words = content_words(expansion_fold)
    return len(words) >= 2 and "".join(w[0] for w in words) == acronym_fold.replace("&", "")


def letters_match(acronym_fold: str, expansion_fold: str) -> bool:
    """EXIM = Export-Import Bank: acronym letters found in order, the first at a word start,
    every content word but at most a trailing one contributing a letter (Schwartz & Hearst)."""
    acr = [c for c in acronym_fold if c.isalnum()]
    words = content_words(expansion_fold)
    if not acr or len(words) < 2 or words[0][0] != acr[0]:
        return False

    def solve(ai: int, wi: int, pos: int, used: frozenset) -> frozenset | None:
        if ai == len(acr):
            unused = [k for k in range(len(words)) if k not in used]
            return used if not unused or unused == [len(words) - 1] else None
        for w in range(wi, len(words)):
            start = pos if w == wi else 0
            if w > wi and w - 1 not in used and w - 1 != wi - 1:
                break  # a skipped word in the middle
            word = words[w]
            for p in range(start, len(word)):
                if word[p] == acr[ai] and (p == 0 or w in used or w == wi and pos > 0):
                    got = solve(ai + 1, w, p + 1, used | {w})
                    if got is not None:
                        return got
        return None

    return solve(0, 0, 0, frozenset()) is not None
