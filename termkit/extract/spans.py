"""Finding candidate spans in parsed sentences: names (NER + PROPN runs) and POS-pattern terms."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from termkit.nlp.doc import Sentence, Word
from termkit.wordlists import words as word_list

# One letter per word for the term patterns:
#   N noun, R proper noun, A adjective (or past participle), P de/à/en, D article,
#   V verb, X anything else.
TERM_PATTERN = re.compile(r"A?NA*(?:PD?[NR]A*){0,2}|RA+")
MAX_TERM_WORDS = 7
_TERM_ADPS = {"de", "à", "en", "contre", "sur"}
_EDGE_UPOS = {"DET", "ADP", "PUNCT", "CCONJ", "SCONJ", "PRON", "AUX", "PART"}
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@dataclass
class Span:
    """A candidate occurrence: word range [i, j) of a sentence, kind name/term, NER type if any."""

    i: int
    j: int
    kind: str
    ner: str | None = None


# Determiner-like words the tagger may call adjectives, which never belong to a term:
# "instruments internationaux tels", "section suivante", "conditions de vent différentes".
_NOT_TERM_ADJ = {"quel", "tel", "tout", "ci-après", "ci-dessus", "ci-dessous", "même", "autre", "certain", "divers",
                 "différent", "plusieurs", "chaque", "aucun", "susmentionné", "précité", "suivant"}


def lines(sentence: Sentence, words: list[Word]) -> list[tuple[int, int]]:
    """The word ranges [lo, hi) of a sentence's lines. The tagger may run a heading into the
    line after it ("... l'Hôpital Général de Yaoundé" / "Objectif"); no name or term crosses
    a line break, and a line's first word opens it as a sentence's first word would."""
    out, lo = [], 0
    for k in range(1, len(words)):
        if "\n" in sentence.text[words[k - 1].end - sentence.start: words[k].start - sentence.start]:
            out.append((lo, k))
            lo = k
    out.append((lo, len(words)))
    return out


def word_tag(w: Word) -> str:
    """The pattern letter of a word."""
    if not _LETTER.search(w.text) or len(w.text) < 2 and w.upos not in ("ADP", "DET"):
        return "X"
    if w.lemma.lower() in _NOT_TERM_ADJ or w.text.lower() in _NOT_TERM_ADJ:
        return "X"
    upos = w.upos
    if upos == "NOUN":
        return "N"
    if upos == "PROPN":
        return "R"
    if upos == "ADJ":
        return "A"
    if upos == "VERB":
        feats = w.feats or ""
        return "A" if "VerbForm=Part" in feats and "Tense=Past" in feats else "V"
    if upos == "ADP" and w.lemma.lower() in _TERM_ADPS:
        return "P"
    if upos == "DET" and w.lemma.lower() == "le":
        return "D"
    return "X"


def term_spans(words: list[Word], tags: str, leading_adj: Callable[[Word], bool] | None = None,
               general: Callable[[str], float] | None = None) -> list[Span]:
    """All (nested) spans matching the term pattern, plus single nouns, adjectives and verbs.

    A span made only of proper nouns is a name, not a term, and no span cuts a run of
    proper nouns (a name) in two. A multi-word span
    starts with an adjective only if ``leading_adj(word)`` allows it (French
    pre-nominal adjectives are mostly evaluative: *ancienne* route de la soie). An adjective
    that cannot agree with the nouns before it in the span (number; gender, where
    ``general``, the frequency of a word in general French, confirms the adjective's
    masculine lemma) ends no term there.
    """
    spans: list[Span] = []
    n = len(words)
    plural = _plural_adjectives(words, tags)
    feminine = _feminine_adjectives(words, tags, general) if general is not None else set()
    for i in range(n):
        if tags[i] not in "ANRV" or words[i].text.lower().rstrip(".") in PERSON_TITLES:
            continue  # "Dr", "M." and "Mme" are no terms, nor do terms start with them
        if tags[i] == "R" and i > 0 and tags[i - 1] == "R":
            continue  # no term starts inside a name
        if tags[i] == "A" and leading_adj is not None and not leading_adj(words[i]):
            continue
        if tags[i] in "VA":
            spans.append(Span(i, i + 1, "term"))
        if tags[i] == "V":
            continue
        for j in range(i + 1, min(n, i + MAX_TERM_WORDS) + 1):
            sub = tags[i:j]
            if sub[-1] not in "NRA" or (sub[-1] == "R" and j < n and tags[j] == "R"):
                continue  # nor ends inside one: not "gratitude à Shavkat" (Mirziyoyev)
            if "R" in sub and set(sub) <= {"R"}:
                continue
            if j - i == 1 and sub in ("R", "A"):
                continue
            if TERM_PATTERN.fullmatch(sub) and not (plural and _stray(words, tags, i, j, plural)) \
                    and not (feminine and _stray_feminine(words, tags, i, j, feminine)):
                spans.append(Span(i, j, "term"))
    return spans


# Prefixes of adjectives made from a noun, which keep the noun's plural whatever they
# modify: "centrale multisources", "stratégie multivariables".
_NOUN_ADJ_PREFIXES = ("multi", "anti", "pluri", "inter", "poly", "mono")


def _plural_adjectives(words: list[Word], tags: str) -> set[int]:
    """Adjectives with a regular plural ending ("existants", lemma "existant"; "américaines";
    "sociaux") and past participles in -es or -és ("inexploités", "énoncées"; not "assis",
    "inclus")."""
    out = set()
    for k, w in enumerate(words):
        if tags[k] != "A" or "Number=Plur" not in (w.feats or ""):
            continue
        form, lemma = w.text.lower(), w.lemma.lower()
        if w.upos == "VERB":
            regular = form.endswith(("es", "és"))
        else:
            regular = form in (lemma + "s", lemma + "x", lemma + "es") or (lemma.endswith("al") and form == lemma[:-1] + "ux")
        if regular and not form.startswith(_NOUN_ADJ_PREFIXES):
            out.add(k)
    return out


# a masculine lemma rarer than this in general French (Zipf 2.5) is taken for the tagger's
# misreading of an adjective that ends in -e in both genders ("ovale" -> "oval", "balte" -> "balt")
_MASCULINE_MIN_FREQ = 10 ** -6.5


def _feminine_adjectives(words: list[Word], tags: str, general: Callable[[str], float]) -> set[int]:
    """Adjectives with a regular feminine ending: the lemma plus -e or -es ("nominale",
    "américaines"), a doubled final consonant ("ancienne", "cruelle") or -ive, -euse
    ("active", "nombreuse"); not a lemma that already ends in -e ("rapide"), nor one that
    general French hardly knows (a lemmatiser's error)."""
    out = set()
    for k, w in enumerate(words):
        if tags[k] != "A" or w.upos == "VERB":
            continue
        form, lemma = w.text.lower(), w.lemma.lower()
        if lemma.endswith("e") or form.startswith(_NOUN_ADJ_PREFIXES) or general(lemma) < _MASCULINE_MIN_FREQ:
            continue
        base = form[:-1] if form.endswith("s") and not lemma.endswith("s") else form
        if base == lemma + "e" or base == lemma + lemma[-1:] + "e" \
                or (lemma.endswith("f") and base == lemma[:-1] + "ve") \
                or (lemma.endswith("eux") and base == lemma[:-1] + "se"):
            out.add(k)
    return out


def _stray_feminine(words: list[Word], tags: str, i: int, j: int, feminine: set[int]) -> bool:
    """Whether a feminine adjective in [i, j) follows only masculine nouns of the span, which
    it cannot modify: "vent nominale" from "vitesse de vent nominale". A name before it may
    be what it modifies ("pays d'Asie centrale"): then it is not judged."""
    for k in range(i + 1, j):
        if k in feminine and "R" not in tags[i:k]:
            nouns = [words[m] for m in range(i, k) if tags[m] == "N"]
            if nouns and all("Gender=Masc" in (w.feats or "") for w in nouns):
                return True
    return False


def _stray(words: list[Word], tags: str, i: int, j: int, plural: set[int]) -> bool:
    """Whether a plural adjective in [i, j) follows only singular nouns of the span, which it
    cannot modify: "tungstène inexploités" from "gisements de tungstène inexploités". A noun
    in -s, -x or -z may be plural whatever the tagger says ("minerais", "prix")."""
    for k in range(i + 1, j):
        if k in plural:
            nouns = [words[m] for m in range(i, k) if tags[m] == "N"]
            if nouns and all("Number=Sing" in (w.feats or "") and not w.text.endswith(("s", "x", "z"))
                             for w in nouns):
                return True
    return False


def name_spans(sentence: Sentence, words: list[Word]) -> list[Span]:
    """Name spans: Stanza NER spans joined with runs of PROPN, trimmed of edge function words."""
    n = len(words)
    starts = {w.start: k for k, w in reversed(list(enumerate(words)))}
    raw: list[Span] = []
    for e in sentence.entities:
        i = starts.get(e.start)
        if i is None:
            i = next((k for k, w in enumerate(words) if w.start <= e.start < w.end), None)
        if i is None:
            continue
        j = i
        while j < n and words[j].start < e.end:
            j += 1
        raw.append(Span(i, j, "name", e.type))
    k = 0
    while k < n:
        if words[k].upos == "PROPN" and _LETTER.search(words[k].text):
            j = k
            while j < n and words[j].upos == "PROPN":
                j += 1
            raw.append(Span(k, j, "name", None))
            k = j
        else:
            k += 1
    raw.extend(foreign_name_spans(words))
    raw.sort(key=lambda s: (s.i, -s.j))
    merged: list[Span] = []
    for s in raw:
        if merged and s.i < merged[-1].j:
            last = merged[-1]
            last.j = max(last.j, s.j)
            last.ner = last.ner or s.ner
        else:
            merged.append(Span(s.i, s.j, "name", s.ner))
    merged = _whole_names(merged, words)
    out = []
    for s in (piece for span in merged for piece in _cut_at_brackets(span, words)):
        i, j = s.i, s.j
        while i < j and (words[i].upos in _EDGE_UPOS or not _LETTER.search(words[i].text)):
            i += 1
        while i < j and not words[i].text[:1].isupper():
            i += 1  # "ouzbek Shavkat Mirziyoyev" -> "Shavkat Mirziyoyev"
        while i < j - 1 and words[i].text.lower().rstrip(".") in PERSON_TITLES:
            i += 1  # "Mme Touraine" -> "Touraine", grouped with "Marisol Touraine" as its short form
        while j > i and (words[j - 1].upos in _EDGE_UPOS or not _LETTER.search(words[j - 1].text)):
            j -= 1
        if i < j and _capital_article(words, i - 1):
            i -= 1  # "La Haye", "Le Caire", "Le Monde": a capitalised article inside a sentence is the name's
        if i < j and _looks_like_name(words, i, j):
            out.extend(_split_owner(Span(i, j, "name", s.ner), words))
    out.extend(institution_spans(words))
    return out


_BRACKETS = set("()[]{}«»\"“”")


def _cut_at_brackets(span: Span, words: list[Word]) -> list[Span]:
    """A name never holds a bracket or a quotation mark: an NER span over "Colombie-Britannique
    (PharmaNet" is two names."""
    out, i = [], span.i
    for k in range(span.i, span.j):
        if words[k].text in _BRACKETS:
            if k > i:
                out.append(Span(i, k, span.kind, span.ner))
            i = k + 1
    if span.j > i:
        out.append(Span(i, span.j, span.kind, span.ner))
    return out


# Titles written before a person's name: stripped from names, never terms of their own.
PERSON_TITLES = word_list("titles", kind="person")


# Words that complete a place name: Asie du Sud, Katpar du Nord, Kairakty supérieur.
ORIENTATION = {"nord", "sud", "est", "ouest", "nord-est", "nord-ouest", "sud-est", "sud-ouest", "supérieur",
               "supérieure", "inférieur", "inférieure", "occidental", "occidentale", "oriental", "orientale",
               "septentrional", "septentrionale", "méridional", "méridionale", "central", "centrale"}
# English function words inside an English name quoted in French text: Observatory of Economic Complexity.
ENGLISH_LINKS = {"of", "for", "the", "and", "on", "&"}
_FR_LINKS = {"de", "du", "des", "d'", "d’"}
_ARTICLES = {"la", "l'", "l’", "le", "les"}


def _cap(w: Word) -> bool:
    return w.text[:1].isupper() and bool(_LETTER.search(w.text))


def _whole_names(spans: list[Span], words: list[Word]) -> list[Span]:
    """Extend name spans to the whole name (:func:`_grown`); then merge spans that now overlap."""
    out: list[Span] = []
    for s in spans:
        i = s.i
        while s.ner != "PER" and _heads_name(words, i - 1):
            i -= 1  # "l'Hôpital" + "Général de Yaoundé": NER starts a word late
        j = s.j
        while (grown := _grown(words, i, j, s.ner)) is not None:
            j = grown
        out.append(Span(i, j, s.kind, s.ner))
    merged: list[Span] = []
    for s in sorted(out, key=lambda s: (s.i, -s.j)):
        if merged and s.i < merged[-1].j:
            merged[-1].j = max(merged[-1].j, s.j)
            merged[-1].ner = merged[-1].ner or s.ner
        else:
            merged.append(s)
    return merged


def _grown(words: list[Word], i: int, j: int, ner: str | None) -> int | None:
    """The new end of name span [i, j) grown by one rule, or None when no rule applies: an
    English function word between capitalised words, "du/de la/des" + a capitalised orientation
    word, a following orientation adjective, the lower-case adjective of a one-word institution
    name, a capitalised foreign word."""
    n = len(words)
    english = _over_english_link(words, j)
    if english is not None:
        return english
    k = j
    if k < n and words[k].text.lower() in _FR_LINKS:
        k += 1 + (k + 1 < n and words[k + 1].text.lower() in _ARTICLES)
        if k < n and words[k].text.lower() in ORIENTATION and _cap(words[k]):
            return k + 1  # "Asie du Sud", "Katpar du Nord"
    if j >= n:
        return None
    nxt = words[j]
    if nxt.text.lower() in ORIENTATION and not _cap(nxt) and nxt.upos == "ADJ":
        return j + 1  # "Kairakty supérieur"
    if (j == i + 1 and nxt.upos == "ADJ" and not _cap(nxt) and _common_head(words[i]) and _cap(words[i])
            and ner != "PER" and i > 0 and words[i - 1].upos in ("DET", "ADP")):
        # French capitalises a name's first word only: "des Nations unies", "la Banque mondiale"
        # (after an article or a preposition: a sentence's first word is capitalised anyway)
        return j + 1
    if _cap(nxt) and nxt.upos == "X":
        return j + 1  # "Foreign Corrupt" + "Practices Act": the tagger calls foreign words X
    return None


def _over_english_link(words: list[Word], j: int) -> int | None:
    """The end of a name continued over an English function word at ``j`` between capitalised
    words ("Observatory" + "of" + "Economic Complexity", "Bank of the West"), or None."""
    n = len(words)
    if not (j + 1 < n and words[j].text.lower() in ENGLISH_LINKS and _cap(words[j - 1])):
        return None
    if not (_cap(words[j + 1]) or (j + 2 < n and words[j + 1].text.lower() == "the" and _cap(words[j + 2]))):
        return None
    j += 2 if _cap(words[j + 1]) else 3
    while j < n and _cap(words[j]) and words[j].upos in ("PROPN", "NOUN", "ADJ", "X"):
        j += 1
    return j


def _heads_name(words: list[Word], k: int) -> bool:
    """Whether word ``k``, just before a name, is its first word: a capitalised noun or
    adjective after an article (French capitalises only a name's first word: "l'Hôpital
    général de Yaoundé"), not a title ("Mme", "Président" before a person, see the caller)."""
    if k <= 0 or not _cap(words[k]) or words[k].upos not in ("NOUN", "PROPN", "ADJ"):
        return False
    if words[k].text.lower().rstrip(".") in PERSON_TITLES:
        return False
    return words[k - 1].upos == "DET"  # "l'Hôpital", "à la Banque"; not "secrétaire d'État Clinton"


def _common_head(w: Word) -> bool:
    """Whether a name's first word is a common noun (Hôpital, Université, Banque), which the
    tagger may also call a proper noun when it is capitalised."""
    return w.upos == "NOUN" or w.text.lower() in INSTITUTIONS


def _split_owner(span: Span, words: list[Word]) -> list[Span]:
    """"Alatau City Bank du Kazakhstan" -> Alatau City Bank, Kazakhstan: a name of two or more
    capitalised words followed by du/des/de la + another name is two names (the whole one,
    "Organisation des Nations unies" or "Corée du Sud", has fewer capitals before the link,
    or an orientation word after it)."""
    for k in range(span.i + 2, span.j - 1):
        if words[k].text.lower() not in _FR_LINKS:
            continue
        caps = sum(_cap(w) for w in words[span.i:k])
        m = k + 1
        if m < span.j and words[m].text.lower() in _ARTICLES:
            m += 1
        if m == k + 1 and words[k].text.lower() in ("de", "d'", "d’") and _common_head(words[span.i]):
            continue  # a bare "de" + a place completes a name headed by a common noun: "Hôpital
            # Général de Yaoundé", not "LG Arena de Birmingham" or "Alexei Miller de Gazprom"
        if caps >= 2 and m < span.j and _cap(words[m]) and words[m].text.lower() not in ORIENTATION:
            return [Span(span.i, k, "name", span.ner), Span(m, span.j, "name", None)]
    return [span]


# Heads of official names that French writes in lower case or that take long complements:
# "ministère kazakh de l'IA et du développement numérique", "Fonds de partenariat pour
# l'investissement en Asie centrale".
INSTITUTIONS = word_list("org_words", kind="institution")
_INST_ADPS = {"de", "du", "des", "d'", "d’", "pour", "en", "à", "au", "aux", "sur", "contre"}


def institution_spans(words: list[Word]) -> list[Span]:
    """Official names of institutions: a head (capitalised, or "ministère") with its
    adjectives and complements, up to the first word that cannot continue a name."""
    out = []
    n = len(words)
    for i, w in enumerate(words):
        head = w.text.lower()
        if head not in INSTITUTIONS or not (_cap(w) or head == "ministère"):
            continue
        j, last_good = i + 1, i + 1
        while j < n and j - i < 14:
            t, low = words[j], words[j].text.lower()
            if t.upos in ("ADJ", "NOUN", "PROPN") and _LETTER.search(t.text):
                j += 1
                last_good = j
            elif low in _INST_ADPS or (low in _ARTICLES and t.upos == "DET"):
                nxt = words[j + 1] if j + 1 < n else None
                if nxt is None or nxt.upos not in ("DET", "NOUN", "PROPN", "ADJ", "ADP"):
                    break  # "pour attirer": a verb follows, the name has ended
                if low in _ARTICLES and words[j - 1].text.lower() not in _INST_ADPS:
                    break  # "Conseil de l'Europe la participation": an article only after a preposition
                if low not in _FR_LINKS and low not in _ARTICLES and _cap(words[j - 1]):
                    break  # "Commission sur l'évaluation", "Commission au Conseil": not "Office central pour"
                j += 1
            elif low == "et" and j + 1 < n and (_links_lower(words, j + 1)
                                                 or words[j + 1].upos == words[j - 1].upos == "ADJ"):
                j += 1  # "de l'IA et du développement numérique", "Comité économique et social";
                # not "Parlement européen et du Conseil" (two institutions), not "et au Conseil"
            elif low in (",", "et") and head == "ministère" and _portfolio(words, j + 1):
                j += 1  # a ministry lists its portfolios: "ministère de l'Écologie, du Développement
                # et de l'Aménagement durables"
            else:
                break
        if last_good - i >= 3:
            out.append(Span(i, last_good, "name", "ORG"))
    return out


def _portfolio(words: list[Word], k: int) -> bool:
    """Whether words[k:] are de/du/des (and an article) then a capitalised word that is not
    an institution of its own: a ministry's next portfolio ("et des Finances"), not "et du
    Conseil"."""
    if k >= len(words) or words[k].text.lower() not in _FR_LINKS:
        return False
    k += 1
    if k < len(words) and words[k].text.lower() in _ARTICLES:
        k += 1
    return k < len(words) and _cap(words[k]) and words[k].text.lower() not in INSTITUTIONS


def _links_lower(words: list[Word], k: int) -> bool:
    """Whether words[k:] are de/du/des (and an article) then a lower-case word: a second
    complement of the same name, not a second institution."""
    if k >= len(words) or words[k].text.lower() not in _FR_LINKS:
        return False
    k += 1
    if k < len(words) and words[k].text.lower() in _ARTICLES:
        k += 1
    return k < len(words) and not _cap(words[k])


def foreign_name_spans(words: list[Word]) -> list[Span]:
    """Names in another language inside French text, which the tagger calls X word by word:
    "« Recommendations for Combating Extortion and Bribery »". A run of X words (and English
    function words) from a capitalised word to a capitalised word, with at least two capitals."""
    out = []
    n = len(words)
    k = 0
    while k < n:
        if not (words[k].upos == "X" and _cap(words[k])):
            k += 1
            continue
        j, last = k + 1, k + 1
        while j < n and (words[j].upos in ("X", "PROPN") or words[j].text.lower() in ENGLISH_LINKS):
            j += 1
            if _cap(words[j - 1]):
                last = j
        if sum(_cap(w) for w in words[k:last]) >= 2:
            out.append(Span(k, last, "name", None))
        k = j
    return out


def _capital_article(words: list[Word], k: int) -> bool:
    """Whether word ``k`` is a capitalised article inside the sentence, not part of a
    contraction ("AU" = "À" + "Le"): the first word of a name like "La Haye"."""
    if k <= 0 or words[k].text not in ("La", "Le", "Les") or words[k].upos != "DET":
        return False
    if words[k - 1].start == words[k].start or (k + 1 < len(words) and words[k + 1].start == words[k].start):
        return False
    return any(_LETTER.search(w.text) for w in words[:k])


def _looks_like_name(words: list[Word], i: int, j: int) -> bool:
    """A proper noun in it, or a capital that is not just the sentence's first letter."""
    for k in range(i, j):
        w = words[k]
        if w.upos == "PROPN" or (w.text[:1].isupper() and any(c.isalpha() for x in words[:k] for c in x.text)):
            return True
    return False


def mwt_inside(words: list[Word], i: int, j: int) -> bool:
    """Whether span [i, j) starts or ends inside a multi-word token."""
    first, last = words[i], words[j - 1]
    before = words[i - 1] if i > 0 else None
    after = words[j] if j < len(words) else None
    return bool((before and before.start == first.start) or (after and after.start == last.start))
