"""String keys for grouping variants: folding, elision, transliteration skeletons."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz.distance import Levenshtein
from unidecode import unidecode

_APOS = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})
_ELISION = re.compile(r"\b(?:l|d|qu|j|n|s|c|m|t)'", re.IGNORECASE)
_SEP = re.compile(r"[\s\-_/.]+")
_CURRENCY = re.compile(r"[¢£¤¥₠-₿]")  # the symbols that romanisation spells in letters (£ -> PS, € -> EUR)

# Romanisation differences seen between French and English spellings of names from
# Cyrillic and Central Asian languages (Tachkent/Tashkent, Douchanbé/Dushanbe,
# Kirghizstan/Kyrgyzstan, Tadjikistan/Tajikistan, Tokaïev/Tokayev).
_SKELETON_RULES = [
    ("tch", "c"), ("tsh", "c"), ("sch", "s"), ("dj", "j"), ("dzh", "j"), ("zh", "j"),
    ("sh", "s"), ("ch", "s"), ("kh", "k"), ("gh", "g"), ("ph", "f"), ("th", "t"),
    ("ck", "k"), ("q", "k"), ("c", "k"), ("w", "v"), ("x", "ks"),
]
_VOWELS = re.compile(r"[aeiouyh]")
_DOUBLES = re.compile(r"(.)\1+")


def clean(text: str) -> str:
    """Normalise apostrophes, dashes and spaces, keeping case and accents."""
    return " ".join(text.translate(_APOS).split())


def fold(text: str) -> str:
    """Case-, accent-, hyphen- and elision-insensitive key: ``L'Ouzbékistan`` -> ``ouzbekistan``.

    A currency symbol is a word of its own (``£4 500`` -> ``ps 4 500``): romanised in place it
    would glue letters to the number (``ps4``), and the number would no longer be found."""
    t = _ELISION.sub("", clean(text))
    if not t.isascii():
        t = unidecode(_CURRENCY.sub(r" \g<0> ", t))
    t = t.casefold()
    return " ".join(_SEP.split(t)).strip()


def skeleton(word: str) -> str:
    """Consonant skeleton of a folded word, transliteration digraphs merged: kirghizstan -> krgzstn."""
    w = word
    for a, b in _SKELETON_RULES:
        w = w.replace(a, b)
    if not w:
        return w
    return _DOUBLES.sub(r"\1", w[0] + _VOWELS.sub("", w[1:]))


def graphical_variants(a: str, b: str, min_len: int = 5, min_similarity: float = 0.75) -> bool:
    """Whether two folded words are spelling/transliteration variants of each other.

    Stricter than a plain edit-distance rule: same first and last letter, same
    consonant skeleton, and a normalised Levenshtein similarity of at least
    ``min_similarity`` (so Niger/Nigeria and Paris/Perse stay apart while
    Kirghizstan/Kirghizistan and Tokaiev/Tokayev merge).
    """
    if a == b:
        return True
    if min(len(a), len(b)) < min_len or a[0] != b[0] or a[-1] != b[-1]:
        return False
    if skeleton(a) != skeleton(b):
        return False
    # short words need more: Tokaiev/Tokayev (0.86) merge, Müller/Miller (0.83) do not
    return Levenshtein.normalized_similarity(a, b) >= (max(min_similarity, 0.85) if min(len(a), len(b)) < 8
                                                       else min_similarity)


_PLURAL_AUX = re.compile(r"(?<=\w\w)aux$")
_PLURAL_S = re.compile(r"(?<=\w\w\w)[sx]$")


def stem_key(text: str) -> str:
    """:func:`fold` with French/English plurals reduced: ``terres rares`` and ``terre rare`` ->
    ``terre rare``; ``minéraux`` -> ``mineral``; ``rare earths`` -> ``rare earth``."""
    return " ".join(_PLURAL_S.sub("", _PLURAL_AUX.sub("al", w)) for w in fold(text).split())


_POSSESSIVE_IN = re.compile(r"(?<=\w)[’']s(?!\w)")
_DOTTED_IN = re.compile(r"(?<!\w)(?:[A-Za-z]\.)+[A-Za-z]\.?(?!\w)")


@lru_cache(maxsize=200_000)
def en_key(text: str) -> str:
    """The English key, one for the toolkit (the check's matching, the equivalents' options):
    :func:`stem_key` plus the English -ies plural (supplies -> supply), the possessive 's
    dropped (Moody's -> moody), dotted initials joined (U.S. -> us) and a lone & dropped."""
    text = _POSSESSIVE_IN.sub("", _DOTTED_IN.sub(lambda m: m.group(0).replace(".", ""), text))
    text = re.sub(r"(?<!\S)&(?!\S)", " ", text)  # Standard & Poor's: the text side drops a lone & too
    return " ".join(w[:-2] + "y" if len(w) > 4 and w.endswith("ie") else w for w in stem_key(text).split())


def is_acronym(term: str) -> bool:
    """Short all-capital forms such as EXIM, ONU, C5+1 (a glossary form written as initials)."""
    letters = [ch for ch in term if ch.isalpha()]
    return 2 <= len(letters) <= 10 and " " not in term and all(ch.isupper() for ch in letters)


_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?…])[\"»”)]?\s+(?=[«\"“(]?[A-ZÀ-Ý0-9])"),
           re.compile(r"\s+"))


def cut_text(text: str, limit: int) -> list[tuple[int, int]]:
    """Cut a text into pieces of at most ``limit`` characters, preferring paragraph breaks,
    then line breaks, then sentence ends, then any whitespace (inside a word only where
    ``limit`` characters hold no space at all). A text within the limit is one piece.
    Returns ``(start, end)`` offsets that cover the text."""
    if len(text) <= limit:
        return [(0, len(text))]
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = None
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window) if m.end() >= limit // 4]
            if ends:
                cut = start + ends[-1]
                break
        if cut is None or cut <= start:
            cut = start + limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, len(text)))
    return pieces


# French function words, as fold() writes them (à -> a, l' and d' elided): not counted among
# a term's content words.
FR_STOP = frozenset({"de", "du", "des", "la", "le", "les", "l", "d", "et", "ou", "en", "a", "au", "aux", "pour",
                     "sur", "par", "avec", "dans", "contre", "sans", "sous", "entre", "un", "une"})

# English function words (and titles): never the content of a term or of a rendering.
EN_STOP = set(
    ["a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "that", "this", "these", "those", "which", "who", "whom", "whose", "it", "its", "their", "his", "her", "our", "we", "you", "they", "he", "she", "i", "not", "no", "so", "than", "then", "there", "here", "also", "said", "says", "would", "will", "can", "could", "should", "may", "might", "up", "out", "over", "about", "after", "before", "between", "into", "through", "during", "very", "more", "most", "much", "many", "some", "any", "each", "other", "such", "only", "just", "new", "one", "two",
     "against", "under", "without", "within", "across", "around", "among", "towards", "toward", "since", "until",
     "while", "because", "if", "when", "where", "what", "how", "why", "all", "both", "either", "neither", "own",
     "same", "too", "again", "once", "do", "does", "did", "being", "having", "them", "him", "me", "my", "your",
     "off", "down", "like", "per", "via", "whether", "s", "'s", "’s", "mr", "mrs", "ms", "dr", "prof", "mr.",
     "mrs.", "ms.", "dr."]
)


def mark_parts(text: str, spans: Iterable[str]) -> list[tuple[str, bool]]:
    """``text`` (whitespace collapsed) cut into ``(part, marked)`` pieces: every occurrence of
    any of ``spans`` (case and spacing ignored; the longest first) is marked. What the check
    report and the review page wrap in ``<mark>``, escaped by their templates."""
    text = " ".join(text.split())
    forms = sorted({" ".join(s.split()) for s in spans if s and s.split()}, key=len, reverse=True)
    if not forms:
        return [(text, False)] if text else []
    pattern = re.compile("|".join(r"\s+".join(re.escape(w) for w in f.split()) for f in forms), re.IGNORECASE)
    parts: list[tuple[str, bool]] = []
    at = 0
    for m in pattern.finditer(text):
        if m.start() > at:
            parts.append((text[at:m.start()], False))
        parts.append((m.group(0), True))
        at = m.end()
    if at < len(text):
        parts.append((text[at:], False))
    return parts
