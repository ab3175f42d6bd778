"""Translation-invariant anchors of a sentence: numbers, names, cognates, glossary terms."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from termkit.textnorm import fold, skeleton

_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*", re.UNICODE)
_STOP = {
    # frequent French/English words whose skeletons would collide across languages
    "comme", "entre", "toutes", "toute", "cette", "selon", "depuis", "avant", "apres", "aussi", "encore",
    "there", "their", "which", "would", "could", "should", "these", "those", "about", "after", "before",
}


def anchors(text: str, glossary_keys: Iterable[str] = ()) -> frozenset[str]:
    """Anchors of a sentence.

    * numbers: digit runs, so 3,07 / 3.07 and 410 000 / 410,000 meet;
    * names and cognates: the consonant skeleton (transliteration digraphs merged)
      of capitalised words and of words of 6+ letters, cut to 5 consonants, so
      Ouzbékistan / Uzbekistan, économique / economic, partenariat / partnership meet;
    * glossary terms: the keys given (concept ids found in the sentence).
    """
    out = {"#" + d.lstrip("0") for d in _DIGITS.findall(text)}
    for m in _WORD.finditer(text):
        w = m.group()
        if len(w) < 4 or (len(w) < 6 and not w[:1].isupper()):
            continue
        f = fold(w)
        if f in _STOP:
            continue
        sk = skeleton(f)[1:]  # without the first letter: O-uzbekistan / U-zbekistan
        if len(sk) >= 3:
            out.add(sk[:5])
    out.update("=" + k for k in glossary_keys)
    return frozenset(out)


def glossary_matcher(pairs: Mapping[str, Iterable[str]]) -> Callable[[str], set[str]]:
    """A function giving the ids of the concepts whose forms a text holds, from {concept id:
    [French and English forms]}: one function serves both languages, so a sentence and its
    translation share the id (``AlignOptions(glossary=glossary_matcher(...))``).

    Forms of three characters or more are matched folded, on word boundaries.
    """
    index = []
    for cid, forms in pairs.items():
        for form in forms:
            f = fold(form)
            if len(f) >= 3:
                index.append((re.compile(r"(?<!\w)" + re.escape(f) + r"(?!\w)"), cid))

    def keys(text: str) -> set[str]:
        t = fold(text)
        return {cid for rx, cid in index if rx.search(t)}

    return keys
