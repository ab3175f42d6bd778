"""English for names from the French alone, for a translator with a new article and no English.

Each rule gives a proposal with a confidence and its evidence, or a suggestion only:

* ``reference``: a CLDR country or city, a place, an ISO 3166-2 subdivision of an
  English-speaking country, an organisation or institution (:mod:`termkit.reference`);
* ``transliteration``: a person's name romanised the French way from Cyrillic or a Central Asian
  language (Tokaïev -> Tokayev, Mirzioïev -> Mirziyoyev), when the French spelling shows it;
* ``identical``: a person's name in Latin script keeps its form (Donald Trump, Xi Jinping); so
  does a name of any other type none of whose words is French (Tau-Ken Samruk, General Motors);
* a name made of French words (La Presse Canadienne, Forces armées canadiennes) or written with
  French accents (Pékin) and found in no reference gets no proposal: its own form is offered as a
  low suggestion for the reviewer.

Terms get suggestions only, never a proposal: up to three English renderings composed word by word
from termkit's offline FR->EN lexicon with English word order (``ventes de voitures`` -> ``car
sales``; :func:`termkit.glossary.lexicon.suggest_terms`). Their English needs the English article, a
reference termbase or a reviewer.
"""

from __future__ import annotations

import re
from functools import lru_cache

from termkit.extract.model import Candidate
from termkit.glossary.lexicon import suggest_terms
from termkit.glossary.translit import transliterate
from termkit.reference import lookup
from termkit.textnorm import FR_STOP, fold
from termkit.wordlists import words as word_list

# Confidences, read as "how often a proposal of this kind is right" (bench/french_only_eval.py, tune half).
REFERENCE_CONFIDENCE = 0.97
PERSON_CONFIDENCE = 0.95
TRANSLIT_CONFIDENCE = 0.9
FOREIGN_NAME_CONFIDENCE = 0.92
SUGGESTION_CONFIDENCE = 0.3
TERM_SUGGESTIONS = 3
# How often a lexicon suggestion for a term is right, by its score, for the first suggestion and
# the others (tune half of the news gold: 98 of 265 first ones at 0.9 or more, 16 of 86 at 0.7-0.9).
TERM_PROBABILITY = {True: ((0.9, 0.37), (0.7, 0.18), (0.0, 0.05)), False: ((0.7, 0.08), (0.0, 0.02))}
# Spellings of French romanisation from Cyrillic and Central Asian languages (Tokaïev, Tchernychev, Djalalabad)
_TRANSLIT_MARK = re.compile(r"[ïë]|tch|dj|kh|[iï]ev\b|ov\b|ova\b|enko\b", re.IGNORECASE)
_FRENCH_ACCENT = re.compile(r"[éèêàâçôîûùœïë]", re.IGNORECASE)


@lru_cache(maxsize=50_000)
def is_french_word(word: str) -> bool:
    """Whether ``word`` reads as French rather than as a name or an English word: a French
    function word, or a word much more frequent in French than in English (wordfreq)."""
    from wordfreq import zipf_frequency

    w = word.lower().strip("'’.")
    if fold(w) in FR_STOP:
        return True
    if len(w) < 3:
        return False
    fr, en = zipf_frequency(w, "fr"), zipf_frequency(w, "en")
    return fr >= 3.0 and fr >= en + 1.0


def _words(name: str) -> list[str]:
    """The words of a name that can say whether it is written as one (one-letter pieces left out)."""
    return [w for w in re.split(r"[\s\-’']+", name) if len(w) > 1 and w[0].isalpha()]


def english_from_french(cand: Candidate):
    """What the French alone says of a candidate name's English: an
    :class:`~termkit.glossary.equivalents.Equivalent` (proposal or suggestion only), or None."""
    from termkit.glossary.equivalents import Equivalent, Suggestion

    if cand.type == "TERM":
        return _term_suggestions(cand)
    name = cand.canonical
    forms = list(dict.fromkeys([name, *cand.forms]))
    hits = [(form, hit) for form in forms if (hit := lookup(form)) is not None]
    if hits:  # an acronym and its expansion are one concept: both English forms (IMF, International Monetary Fund)
        form, (en, source) = hits[0]
        variants = list(dict.fromkeys(h[0] for _, h in hits[1:] if h[0] != en))
        return Equivalent(en, variants, "reference", REFERENCE_CONFIDENCE, f"reference: {source}: {form} -> {en}")
    words = _words(name)
    if not words or not words[0][0].isupper():
        return None  # not written as a name
    particles = word_list("name_particles")
    lower = [w for w in words if not w[0].isupper() and fold(w) not in FR_STOP and w.lower() not in particles]
    # the other forms of the concept that are its short forms: a surname, an acronym (Obama, GM)
    short = [f for f in forms[1:] if f != name and (f.isupper() or name.endswith(" " + f))
             and not _FRENCH_ACCENT.search(f)]
    if cand.type == "PER" and not lower:  # a person's name keeps its form, French or not (François Hollande)
        romanised = transliterate(name)
        if romanised != name and _TRANSLIT_MARK.search(name):
            return Equivalent(romanised, [transliterate(f) for f in short], "transliteration", TRANSLIT_CONFIDENCE,
                              f"transliteration: French romanisation {name} -> {romanised}")
        return Equivalent(name, short, "identical", PERSON_CONFIDENCE,
                          "identical: a person's name keeps its form; the surname is a variant")
    french = [w for w in words if is_french_word(w)]
    if not french and not lower and not _FRENCH_ACCENT.search(name):
        return Equivalent(name, short, "identical", FOREIGN_NAME_CONFIDENCE,
                          "identical: a name with no French word keeps its form")
    why = (f"French words ({', '.join(dict.fromkeys(french + lower))})" if french or lower
           else "French accents")
    return Equivalent("", [], "identical", SUGGESTION_CONFIDENCE, f"no reference; the name has {why}",
                      [Suggestion(name, SUGGESTION_CONFIDENCE, f"its own form; the name has {why}: check")])


def term_probability(score: float, first: bool) -> float:
    """The probability that a lexicon suggestion with this score is right, the first one or another
    (:data:`TERM_PROBABILITY`)."""
    return next(p for floor, p in TERM_PROBABILITY[first] if score >= floor)


def _term_suggestions(cand: Candidate):
    """A term's English suggestions from the lexicon (no English proposed), or None when it has none
    or when a capitalised form is a reference name (the equivalent finder proposes that one)."""
    from termkit.glossary.equivalents import Equivalent, Suggestion

    if any(form[:1].isupper() and lookup(form) is not None for form in cand.forms):
        return None
    renderings = suggest_terms(cand.canonical, top=TERM_SUGGESTIONS)
    if not renderings:
        return None
    suggestions = [Suggestion(r.en, term_probability(r.score, k == 0), r.evidence) for k, r in enumerate(renderings)]
    return Equivalent("", [], "lexicon", suggestions[0].probability,
                      "no English article: suggestions from the FR->EN lexicon only", suggestions)
