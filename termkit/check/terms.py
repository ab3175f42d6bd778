"""Terminology, forbidden forms, names and consistency, against one or more glossaries.

French terms are found on lemmas (so inflected forms count) and on surface forms, both
normalised by :func:`~termkit.textnorm.stem_key`, with one Aho-Corasick automaton over
every French form of every approved concept. An English form counts in any inflection
(rare earth / rare earths): the English segment is normalised the same way.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick
from rapidfuzz import fuzz

from termkit.check.model import Finding, Segment
from termkit.extract.acronyms import initials_match, letters_match
from termkit.glossary.model import Concept
from termkit.nlp.doc import Token
from termkit.textnorm import EN_STOP, en_key, fold, is_acronym, stem_key
from termkit.wordlists import words as word_list

NAME_TYPES = {"PER", "LOC", "ORG", "MISC"}
CONTENT_UPOS = {"NOUN", "ADJ", "VERB"}


@dataclass
class Match:
    """A concept found in a French segment: the words [start, end) of the key sequence."""

    concept: int
    start: int
    end: int
    text: str


class KeyText:
    """A normalised word sequence `` w1 w2 ... `` with each word's original span."""

    def __init__(self, words: Sequence[tuple[str, str]]) -> None:
        self.words = [w for w, _ in words if w]
        self.surface = [s for w, s in words if w]
        self.text = " " + " ".join(self.words) + " "
        self.starts, pos = [], 1
        for w in self.words:
            self.starts.append(pos)
            pos += len(w) + 1

    def word_at(self, char: int) -> int:
        return bisect.bisect_right(self.starts, char) - 1


_EN_WORD = re.compile(r"\w(?:[\w+&]|[.'’-](?=\w))*")
TITLES = word_list("titles", kind="before-name")
_POSSESSIVE = re.compile(r"[’']s$", re.I)


def english_keys(text: str) -> KeyText:
    """The English segment normalised word by word (fold + plural reduction, possessive 's dropped)."""
    words = (_POSSESSIVE.sub("", m.group(0)) for m in _EN_WORD.finditer(text))
    return KeyText([(k, w) for w in words for k in en_key(w).split()])


def french_keys(tokens: Sequence[Token], lemmas: bool) -> KeyText:
    """French tokens as normalised words, by lemma (content words) or by surface form."""
    words: list[tuple[str, str]] = []
    for tok in tokens:
        use_lemma = lemmas and len(tok.words) == 1 and tok.words[0].upos in CONTENT_UPOS and tok.words[0].lemma
        key = stem_key(tok.words[0].lemma if use_lemma else tok.text)
        words += [(k, tok.text) for k in key.split()]
    return KeyText(words)


def _initials(en: str) -> set[str]:
    """Keys of a multi-word English name's initials: United States -> US, Paris Saint-Germain -> PSG."""
    out = set()
    for words in (en.split(), en.replace("-", " ").split()):
        initials = "".join(w[0] for w in words if w[:1].isupper())
        if len(initials) >= 2 and len(words) >= 2:
            out.add(f" {initials.lower()} ")
    return out


def _place_keys(en: str) -> set[str]:
    """Other keys of a place: France -> French Embassy, Syria -> Syrian; United States -> America;
    California -> Calif."""
    keys = {f" {en_key(a)} " for a in adjectives(en)}
    keys |= {f" {en_key(a)} " for a in OTHER_NAMES.get(en, ())}
    if en in US_STATES_AP:
        keys.add(f" {en_key(US_STATES_AP[en].replace('.', ''))} ")
    return keys


class TermIndex:
    """Approved concepts of the glossaries, indexed for matching in both languages."""

    def __init__(self, concepts: Iterable[Concept], statuses: Iterable[str] = ("approved",)) -> None:
        allowed = set(statuses)
        self.concepts = [c for c in concepts if c.status in allowed and c.en]
        self.fr = ahocorasick.Automaton()
        self.forbidden = ahocorasick.Automaton()
        self.en_keys: list[set[str]] = []
        self.surnames: list[set[str]] = []
        self.short_forms: list[set[str]] = []  # surnames, acronyms, initials: a full name may stand beside them
        self.expansions: dict[int, list[str]] = {}
        self.name_folds = [{fold(f) for f in c.fr_forms()} for c in self.concepts]
        self.acronyms: set[str] = set()
        self.content: list[set[str]] = []
        fr_keys: dict[str, list[int]] = defaultdict(list)
        bad_keys: dict[str, list[int]] = defaultdict(list)
        for n, c in enumerate(self.concepts):
            self._index_french(n, c, fr_keys)
            self._index_english(n, c)
            for form in c.en_forbidden:
                key = en_key(form)
                if key:
                    bad_keys[f" {key} "].append(n)
        self._build_automata(fr_keys, bad_keys)

    def _index_french(self, n: int, c: Concept, fr_keys: dict[str, list[int]]) -> None:
        """The keys of concept ``n``'s French forms (acronyms noted)."""
        for form in c.fr_forms():
            key = stem_key(form)
            if key:
                fr_keys[f" {key} "].append(n)
                if is_acronym(form):
                    self.acronyms.add(f" {key} ")

    def _index_english(self, n: int, c: Concept) -> None:
        """The keys by which concept ``n``'s English may be written: its forms, initials, a
        name's surname and acronyms, a place's adjectives and other names; its content words."""
        en_forms = [en_key(f) for f in c.en_forms()]
        keys = {f" {k} " for k in en_forms if k}
        keys |= {f" {en_key(f.replace('-', ''))} " for f in c.en_forms() if "-" in f}  # Wi-Fi = Wifi
        surname, short = set(), {f" {en_key(f)} " for f in c.en_forms() if is_acronym(f)}
        if c.type in NAME_TYPES:
            surname = {f" {en_key(w)} " for w in _surnames(c)}  # later mentions: Obama, O'Malley
            self.expansions[n] = [f.upper() for f in c.en_forms() if is_acronym(f)]  # NHTSA written out
        initials = _initials(c.en)
        keys |= initials
        short |= initials
        # the content words of a term's English: a rendering that keeps one of them is partial
        self.content.append(set() if c.type in NAME_TYPES else
                            {w for k in en_forms for w in k.split() if len(w) >= 3 and w not in EN_STOP})
        if c.type == "LOC":
            keys |= _place_keys(c.en)
        self.en_keys.append(keys | surname)
        self.surnames.append(surname)
        self.short_forms.append(short | surname)

    def _build_automata(self, fr_keys: dict[str, list[int]], bad_keys: dict[str, list[int]]) -> None:
        """The French and forbidden-English automata over the collected keys."""
        for key, ns in fr_keys.items():
            self.fr.add_word(key, (key, sorted(set(ns))))
        # a forbidden form that is also an admitted English form of some concept is not flagged
        admitted = set().union(*self.en_keys) if self.en_keys else set()
        for key, ns in bad_keys.items():
            if key not in admitted:
                self.forbidden.add_word(key, (key, ns))
        for automaton in (self.fr, self.forbidden):
            if len(automaton):
                automaton.make_automaton()

    def find_french(self, tokens: Sequence[Token]) -> list[Match]:
        """Concepts whose French forms occur in the tokens (lemma or surface), longest first."""
        found: dict[tuple[int, int, int], Match] = {}
        if not len(self.fr):
            return []
        for lemmas in (True, False):
            kt = french_keys(tokens, lemmas)
            for end, (key, ns) in self.fr.iter(kt.text):
                start_char = end - len(key) + 2
                i = kt.word_at(start_char)
                j = i + len(key.split())
                if key in self.acronyms and not all(w.isupper() for w in kt.surface[i:j]):
                    continue  # NIE is not the verb nié
                if i > 0 and kt.surface[i - 1][:1].isupper() and kt.surface[i - 1] not in TITLES:
                    ns = [n for n in ns if self.concepts[n].type not in NAME_TYPES]  # Albert Londres
                if j == i + 1 and j < len(kt.surface) and kt.surface[j][:1].isupper():
                    ns = [n for n in ns if self.concepts[n].type not in NAME_TYPES]  # Nations Unies
                if not any(w[:1].isupper() for w in kt.surface[i:j]):
                    ns = [n for n in ns if not _capitalised_name(self.concepts[n])]  # voyage is not Voyage
                surface = fold(" ".join(dict.fromkeys(kt.surface[i:j])))  # names do not inflect:
                ns = [n for n in ns if self.concepts[n].type not in NAME_TYPES or surface in self.name_folds[n]]
                # Caroline is not Carolines
                for n in ns:
                    found.setdefault((n, i, j), Match(n, i, j, " ".join(kt.surface[i:j])))
        matches = sorted(found.values(), key=lambda m: (m.start, -(m.end - m.start)))
        # drop matches inside a longer match of another concept (terres rares in métaux des terres rares)
        for m in matches:
            m.text = " ".join(dict.fromkeys(m.text.split()))  # a token split in two keys shows once
        return [m for m in matches
                if not any(o.concept != m.concept and o.start <= m.start and m.end <= o.end and
                           (o.end - o.start) > (m.end - m.start) for o in matches)]

    def english_form_used(self, n: int, en: KeyText) -> str | None:
        """The admitted English key of concept ``n`` found in the English segment, if any.

        Besides the forms themselves (in any inflection) and an acronym written out (its
        letters possibly in the other language's order), two regular English rewrites of
        a multi-word form ``A B`` count: the ``of`` inversion (rare earth reserves ->
        reserves of rare earths) and coordination with a shared head (South Asia ->
        South and Central Asia).
        """
        keys = sorted(self.en_keys[n], key=len, reverse=True)
        for k in keys:
            at = en.text.find(k)
            # a surname alone counts as a name: "Long said", not "a long time"
            if at >= 0 and (k not in self.surnames[n] or en.surface[en.word_at(at + 1)][:1].isupper()):
                return k
        if self.expansions.get(n):
            runs = _capitalised_runs(en.surface)
            for acronym in self.expansions[n]:
                # a two-letter acronym only as a whole run of two words, in order (United
                # Nations for UN); a longer one anywhere in a run, in either order
                if any(run == acronym if len(acronym) == 2 else len(acronym) >= 3 and _spells(acronym, run)
                       for run in runs):
                    return f" {acronym.lower()} "
        for key in keys:
            words = key.split()
            if len(words) < 2:
                continue
            head, mods = words[-1], " ".join(words[:-1])
            if f" {head} of {mods} " in en.text or f" {head} of the {mods} " in en.text:
                return key
            if re.search(rf" {re.escape(mods)} (?:and|or|,) (?:\S+ ){{1,3}}{re.escape(head)} ", en.text):
                return key
        return None

    def partial_rendering(self, n: int, en: KeyText) -> str | None:
        """For a term (not a name) whose English is not in the segment: the words of the segment
        that keep a content word of it (severance *package* for severance pay, the *police* for
        police force, economic *spying* for economic espionage), or None. A translator's
        paraphrase, not a wrong term: :func:`check_terms` reports it as info."""
        kept = [s for w, s in zip(en.words, en.surface) if w in self.content[n]]
        return " ".join(dict.fromkeys(kept)) or None


_NAME_GLUE = {"of", "the", "and", "for", "&"}
# a company's legal form is no word of its name: General Motors Co is GM
CORPORATE = {"Co", "Corp", "Inc", "Ltd", "Plc", "plc", "LLC", "SA", "AG", "NV", "SpA", "GmbH"}


def _capitalised_runs(words: Sequence[str]) -> list[str]:
    """Initials of each run of capitalised words (National Highway Traffic Safety Administration -> NHTSA);
    a legal form ending a run (General Motors Co) adds no initial."""
    runs, cur = [], ""
    for w in words:
        if w in CORPORATE and len(cur) >= 2:
            continue
        if w[:1].isupper():
            cur += w[0]
        elif w not in _NAME_GLUE:
            if len(cur) >= 2:
                runs.append(cur)
            cur = ""
    if len(cur) >= 2:
        runs.append(cur)
    return runs


def _spells(acronym: str, initials: str) -> bool:
    """Whether a run of initials spells the acronym, in its order or in the other language's
    word order (GRC = Royal Gendarmerie of Canada, RDC = Democratic Republic of Congo)."""
    n, letters = len(acronym), sorted(acronym)
    return acronym in initials or any(sorted(initials[i:i + n]) == letters for i in range(len(initials) - n + 1))


def _capitalised_name(c: Concept) -> bool:
    return c.type in NAME_TYPES and c.fr[:1].isupper()


def _surnames(c: Concept) -> list[str]:
    """The last word of a person's name (or of a two-word capitalised name Stanza typed otherwise)."""
    words = c.en.split()
    if len(words) < 2 or not (words[0][:1].isupper() and words[-1][:1].isupper()):
        return []
    if c.type == "PER" or (c.type in ("ORG", "MISC") and all(w[:1].isupper() for w in words) and len(words) == 2):
        return [words[-1]]  # Gérard de Villiers -> Villiers (de Villiers)
    return []


# Other names English news uses for a country beside its CLDR name (AP / Reuters usage).
OTHER_NAMES = {
    "United States": ("America", "US", "U.S.", "USA", "U.S.A.", "the States"),
    "United Kingdom": ("Britain", "Great Britain", "UK", "U.K."),
    "Netherlands": ("Holland",),
    "Czechia": ("Czech Republic",),
    "Türkiye": ("Turkey",),
    "Côte d’Ivoire": ("Ivory Coast", "Cote d'Ivoire"),
    "Myanmar (Burma)": ("Myanmar", "Burma"),
    "Congo - Kinshasa": ("Democratic Republic of Congo", "DR Congo", "DRC", "Congo"),
    "Congo - Brazzaville": ("Republic of Congo", "Congo"),
    "Russia": ("Russian Federation",),
    "South Korea": ("Republic of Korea",),
    "North Korea": ("DPRK",),
    "Vatican City": ("Vatican", "Holy See"),
    "Eswatini": ("Swaziland",),
    "North Macedonia": ("Macedonia",),
}


def adjectives(country: str) -> set[str]:
    """English adjectives of a place name: its official languages' names (France -> French,
    from CLDR via babel) and regular derivations (Syria -> Syrian, Japan -> Japanese)."""
    out: set[str] = set()
    words = country.split()
    if len(words) > 1:  # Central Asia -> Central Asian, South Korea -> South Korean
        head = " ".join(words[:-1])
        last = words[-1]
        if len(last) < 4:
            return out
        for k in (len(last), len(last) - 1):
            out |= {f"{head} {last[:k]}{suffix}" for suffix in ("n", "an", "ian", "ese", "ish", "i")}
        return {a for a in out if a != country}
    if len(country) < 4:
        return out
    from babel import Locale
    from babel.languages import get_official_languages

    en = Locale("en")
    code = next((k for k, v in en.territories.items() if v == country and k.isalpha()), None)
    if code:
        out |= {en.languages[lang] for lang in get_official_languages(code, de_facto=True)
                if lang in en.languages and en.languages[lang][:2] == country[:2]}  # not Arabic for Syria
    for k in (len(country), len(country) - 1):
        out |= {country[:k] + suffix for suffix in ("n", "an", "ian", "ese", "ish", "i", "ic")}
    return {a for a in out if a != country}


def near_name(expected: Sequence[str], en: KeyText, threshold: float = 80.0) -> str | None:
    """A spelling close to (but not equal to) one of the expected names in the English segment.

    Longer forms are tried first: "Obama" written correctly does not excuse "Braack Obama".
    """
    best, best_score = None, threshold
    for form in sorted(expected, key=lambda f: -len(stem_key(f).split())):
        key = stem_key(form).split()
        width = len(key)
        if not width:
            continue
        for i in range(len(en.words) - width + 1):
            window = en.words[i:i + width]
            if window == key:
                return best
            score = fuzz.ratio(" ".join(key), " ".join(window))
            # a misspelt name keeps its other words: "Goodyear site" is not "Goodyear Amiens";
            # a name is written with a capital: "euro" is a word, not a misspelt "Europe"
            if not en.surface[i][:1].isupper() and form[:1].isupper():
                continue
            if (score >= best_score and window[0][:1] == key[0][:1]
                    and all(fuzz.ratio(a, b) >= 60 for a, b in zip(key, window))):
                best, best_score = " ".join(dict.fromkeys(en.surface[i:i + width])), score
    return best


_DEFINED = re.compile(r"\(\s*([A-Z][A-Za-z0-9&]{1,9})\s*\)")


def _rendered_by_acronym(m: Match, seg: Segment) -> str | None:
    """A term inside the spelled-out form of an acronym defined in the French ("désordre du
    développement sexuel (DDS)"), rendered in English by the acronym alone ("a DSD"): the
    English acronym, its letters possibly in the other language's order, or None."""
    at = seg.src.find(m.text)
    if at < 0:
        return None
    for d in _DEFINED.finditer(seg.src, at + len(m.text)):
        acronym = d.group(1)
        if not is_acronym(acronym):
            continue
        words = list(re.finditer(r"[^\s'’]+", seg.src[:d.start()]))[-2 * len(acronym) - 2:]
        # the shortest run of words before the brackets that the acronym spells
        for k in range(2, len(words) + 1):
            expansion = fold(" ".join(w.group() for w in words[-k:]))
            if initials_match(fold(acronym), expansion) or letters_match(fold(acronym), expansion):
                if words[-k].start() > at:
                    return None  # the term starts before the spelled-out form
                return next((w for w in re.findall(r"\b[A-Z][A-Z0-9&]+\b", seg.tgt)
                             if len(w) == len(acronym) and _spells(acronym.upper(), w)), None)
        return None
    return None


def _kept_in_french(m: Match, seg: Segment) -> str | None:
    """The French words around a name copied into the English, as titles are: "Le Chemin de Damas"."""
    at = seg.src.find(m.text)
    if at <= 0:
        return None
    before = seg.src[:at].split()[-2:]
    phrase = " ".join([*before, m.text])
    return phrase if len(phrase.split()) >= 3 and phrase in seg.tgt else None


# A person named after a title may be rendered by the role: "Me Dupont" -> "the lawyer".
ROLES = {"me": ("lawyer", "attorney", "counsel", "solicitor", "barrister"), "maître": ("lawyer", "attorney", "counsel"),
         "dr": ("doctor", "dr", "physician"), "docteur": ("doctor", "dr", "physician"),
         "pr": ("professor", "prof"), "professeur": ("professor", "prof")}
# Heads of names that hold a place name: "agence Chine nouvelle" is Xinhua, not China.
NAME_HEADS = word_list("org_words", kind="place-holder")
# AP style abbreviations of US states: Californie -> California -> Calif.
US_STATES_AP = {
    "Alabama": "Ala.", "Arizona": "Ariz.", "Arkansas": "Ark.", "California": "Calif.", "Colorado": "Colo.",
    "Connecticut": "Conn.", "Delaware": "Del.", "Florida": "Fla.", "Georgia": "Ga.", "Illinois": "Ill.",
    "Indiana": "Ind.", "Kansas": "Kan.", "Kentucky": "Ky.", "Louisiana": "La.", "Maryland": "Md.",
    "Massachusetts": "Mass.", "Michigan": "Mich.", "Minnesota": "Minn.", "Mississippi": "Miss.", "Missouri": "Mo.",
    "Montana": "Mont.", "Nebraska": "Neb.", "Nevada": "Nev.", "New Hampshire": "N.H.", "New Jersey": "N.J.",
    "New Mexico": "N.M.", "New York": "N.Y.", "North Carolina": "N.C.", "North Dakota": "N.D.",
    "Oklahoma": "Okla.", "Oregon": "Ore.", "Pennsylvania": "Pa.", "Rhode Island": "R.I.", "South Carolina": "S.C.",
    "South Dakota": "S.D.", "Tennessee": "Tenn.", "Vermont": "Vt.", "Virginia": "Va.", "Washington": "Wash.",
    "West Virginia": "W.Va.", "Wisconsin": "Wis.", "Wyoming": "Wyo."}


def _word_before(m: Match, seg: Segment) -> str:
    at = seg.src.find(m.text)
    before = seg.src[:at].split() if at > 0 else []
    return re.sub(r"^\w['’]", "", before[-1].lower().strip("«\"'(")) if before else ""  # l'agence -> agence


def _rendered_by_role(c: Concept, m: Match, seg: Segment) -> str | None:
    """A person after a title (Me, Dr, Pr) rendered by the role in English: "the lawyer"."""
    if c.type != "PER":
        return None
    roles = ROLES.get(_word_before(m, seg).rstrip("."), ())
    tgt = seg.tgt.lower()
    return next((r for r in roles if re.search(rf"\b{r}s?\b", tgt)), None)


# "3 000 $ de Singapour", "dollars de Hong Kong": a place that names a currency
_CURRENCY_BEFORE = re.compile(r"(?:[$£€¥]|\b(?:dollars?|livres?|pesos?|yuans?|yens?|roupies?|couronnes?|francs?|"
                              r"réals?|reais|rands?|wons?|dinars?|ringgits?|shekels?|roubles?))"
                              r"\s*(?:de|d['’]|du|des)\s*$", re.I)


@lru_cache(maxsize=512)
def currency_forms(place: str) -> tuple[str, ...]:
    """How English writes the currency of a place with a symbol or code: Singapore -> SGD,
    S$, SG$; Hong Kong -> HKD, HK$; Taiwan -> TWD, NT$ (CLDR via babel)."""
    from babel import Locale
    from babel.numbers import get_currency_name, get_currency_symbol, get_territory_currencies

    en = Locale("en")
    code = next((k for k, v in en.territories.items() if k.isalpha() and v.split(" SAR ")[0] == place), None)
    if code is None:
        return ()
    forms: set[str] = set()
    for currency in get_territory_currencies(code)[:1]:
        forms.add(currency)
        symbol = get_currency_symbol(currency, "en")
        if any(ch.isalpha() for ch in symbol) and not symbol.isalpha():
            forms.add(symbol)  # HK$, NT$, A$, CA$, R$
        words = get_currency_name(currency, locale="en").split()
        if words[-1] == "Dollar" and len(words) >= 2:  # S$, SG$, NZ$, US$
            forms |= {"".join(w if is_acronym(w) else w[0] for w in words[:-1]) + "$", code + "$"}
    return tuple(sorted(forms))


def _rendered_by_currency(c: Concept, m: Match, seg: Segment) -> str | None:
    """A place naming a currency ("3 000 $ de Singapour") rendered by the currency's symbol or
    code ("S$3,000", "SGD 3,000"): the symbol, or None."""
    if c.type != "LOC":
        return None
    at = seg.src.find(m.text)
    if at <= 0 or not _CURRENCY_BEFORE.search(seg.src[:at]):
        return None
    return next((f for f in currency_forms(c.en)
                 if re.search(rf"(?<![\w$£¥]){re.escape(f)}(?![A-Za-z])", seg.tgt)), None)


def _related_acronym(expected: str, near: str) -> bool:
    """An acronym that extends the glossary's acronym with new letters (UN -> UNO, GM -> GMC)
    names a related or broader thing; a repeated last letter (GMM) is a typo."""
    return (is_acronym(expected) and is_acronym(near) and near.startswith(expected) and len(near) > len(expected)
            and set(near[len(expected):]) != {expected[-1]})


def _written_in_french(near: str, seg: Segment) -> bool:
    """The English words read as a misspelt name are written as such in the French too:
    a name of its own (GMC Sierra beside General Motors), not a misspelling."""
    return re.search(rf"(?<!\w){re.escape(near)}(?!\w)", seg.src) is not None


def check_terms(index: TermIndex, seg: Segment, tokens: Sequence[Token], used: dict) -> list[Finding]:
    """Terminology and names for one segment; records the English forms used in ``used``."""
    findings: list[Finding] = []
    en = english_keys(seg.tgt)
    if not seg.tgt.strip():
        return findings
    for m in index.find_french(tokens):
        c = index.concepts[m.concept]
        if c.type == "LOC" and _word_before(m, seg) in NAME_HEADS:
            continue  # a place inside a longer name: "agence Chine nouvelle" (Xinhua)
        found = index.english_form_used(m.concept, en) or _kept_in_french(m, seg) or _rendered_by_acronym(m, seg)
        currency = None if found else _rendered_by_currency(c, m, seg)
        form = found or currency or _rendered_by_role(c, m, seg)
        # a short form (Obama, ECB), a role (Dr.) or a currency (S$) does not excuse a misspelt
        # full name next to it (Braack Obama, Eruopean Central Bank (ECB), Dr. John Mnoey)
        near = near_name(c.en_forms() if not found else [f for f in c.en_forms() if len(f.split()) >= 2], en) \
            if c.type in NAME_TYPES and (not found or found in index.short_forms[m.concept]) else None
        if near and _written_in_french(near, seg):
            near = None
        if near and not form and any(_related_acronym(f, near) for f in c.en_forms()):
            findings.append(Finding("name", "info", seg.doc, seg.id, f"{m.text!r} is rendered {near!r}, a longer "
                                    f"name than the glossary's {c.en!r}", m.text, near, c.en, seg.tgt_line, c.id))
            continue
        if currency and not near:
            continue  # the currency's symbol is not a rendering of the place's name: no consistency record
        if form and not near:
            used[m.concept].append((form.strip(), seg))
            continue
        if near:
            findings.append(Finding("name", "error", seg.doc, seg.id, f"{m.text!r} is spelled {near!r}; "
                                    f"the glossary says {c.en!r}", m.text, near, c.en, seg.tgt_line, c.id))
        else:
            partial = index.partial_rendering(m.concept, en)
            severity = "error" if c.type in NAME_TYPES else "info" if partial else "warning"
            findings.append(Finding("terminology", severity, seg.doc, seg.id,
                                    f"{m.text!r} should be translated {c.en!r}" + (
                                        f" (or {', '.join(repr(v) for v in c.en_variants)})" if c.en_variants else "")
                                    + (f"; the translation keeps only {partial!r}" if partial else ""),
                                    m.text, partial or "", c.en, seg.tgt_line, c.id))
    if len(index.forbidden):
        for end, (key, ns) in index.forbidden.iter(en.text):
            i = en.word_at(end - len(key) + 2)
            text = " ".join(en.surface[i:i + len(key.split())])
            c = index.concepts[ns[0]]
            findings.append(Finding("forbidden", "error", seg.doc, seg.id, f"{text!r} is a forbidden form; use {c.en!r}",
                                    "", text, c.en, seg.tgt_line, c.id))
    return findings


def check_consistency(index: TermIndex, used: dict[int, list[tuple[str, Segment]]]) -> list[Finding]:
    """One French term rendered several ways, and two concepts rendered the same way."""
    findings = []
    by_form: dict[str, set[int]] = defaultdict(set)
    for n, uses in used.items():
        forms = sorted({f for f, _ in uses})
        for f in forms:
            by_form[f].add(n)
        if len(forms) > 1:
            c = index.concepts[n]
            seg = next(s for f, s in uses if f != uses[0][0])
            counts = ", ".join(f"{f!r} x{sum(1 for g, _ in uses if g == f)}" for f in forms)
            findings.append(Finding("consistency", "info", seg.doc, seg.id,
                                    f"{c.fr!r} is rendered {len(forms)} ways: {counts}", c.fr, "", c.en,
                                    seg.tgt_line, c.id))
    for form, ns in by_form.items():
        prefs = {en_key(index.concepts[n].en) for n in ns}
        # the glossary may map two French terms to one English term (minerais / minéraux
        # essentiels -> critical minerals); flag only a form that is the preferred English of none
        if len(ns) > 1 and len(prefs) > 1 and form not in prefs:
            names = sorted(index.concepts[n].fr for n in ns)
            seg = used[min(ns)][0][1]
            findings.append(Finding("consistency", "warning", seg.doc, seg.id,
                                    f"{' and '.join(map(repr, names))} are both rendered {form!r}", "", form, "",
                                    seg.tgt_line))
    return findings
