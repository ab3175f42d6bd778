"""A name's type from evidence beyond Stanza's NER vote: reference names (a CLDR country or
city, a place, an organisation, a company), the words that make an organisation's name (a French
head, Banque, ministère; an English or legal suffix, Bank, Co), a place's (rue, fleuve; Street,
Coast) or an event's, work's or product's (loi, Coupe; Act, Cup), nationality names (les
Camerounais) and given names (a name opening with one is a person's). What none of them decides
keeps the NER vote. Also: the type of a capitalised name the NER tagger missed (kept a term),
the surname of a person named whole elsewhere, and the cardinal points that are fragments."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache

from termkit.reference import organisation_names, place_names, reference_names
from termkit.textnorm import fold, is_acronym
from termkit.wordlists import read_table, words

TERM = "TERM"
NAME_TYPES = ("PER", "ORG", "LOC", "MISC")
# Endings of French nationality names (masculine singular, once plural and feminine are taken off).
_DEMONYM_ENDINGS = ("ais", "ois", "ain", "ien", "éen", "ol", "and", "in", "an", "ite", "ique", "ec", "ote")
_FEMININE = (("ienne", "ien"), ("éenne", "éen"), ("aise", "ais"), ("oise", "ois"), ("aine", "ain"), ("ane", "an"),
             ("ine", "in"), ("ole", "ol"), ("ande", "and"), ("ote", "ote"), ("que", "que"))


def refine_type(canonical: str, forms: Iterable[str], votes: Counter) -> str:
    """The type of a name written ``canonical`` (other ``forms``), Stanza having voted ``votes``
    (a vote outside PER, ORG, LOC and MISC counts as MISC)."""
    ner = votes.most_common(1)[0][0] if votes else "MISC"
    evidence = type_evidence(canonical, forms)
    if evidence:
        return evidence
    if ner != "PER" and any(fold(f) in place_names() for f in [canonical, *forms]):
        return "LOC"  # New York, Sydney: a time-zone city or an ISO 3166 name, unless Stanza saw a person (Kerry)
    tokens = canonical.replace("’", "'").split()
    if len(tokens) > 1 and fold(tokens[0]) in company_names():
        return "ORG"  # Nissan Motor, Toyota Motor Corporation
    if len(tokens) > 1 and tokens[0] in words("first_names") and all(t[:1].isupper() for t in tokens[1:]):
        return "PER"
    if is_demonym(canonical):  # les Camerounais, une Australienne: a nationality used as a name
        return "MISC"
    if is_acronym(canonical):  # BBC, CGT, GCHQ: an acronym in news names an organisation
        return "ORG"
    return ner if ner in NAME_TYPES else "MISC"


def type_evidence(canonical: str, forms: Iterable[str] = ()) -> str | None:
    """The type that reference names and name words give a name (None: they say nothing)."""
    keys = [fold(f) for f in dict.fromkeys([canonical, *forms])]
    if any(k in organisation_names() or k in company_names() for k in keys):
        return "ORG"
    if any(k in reference_names() for k in keys):
        return "LOC"
    tokens = canonical.replace("’", "'").split()
    if not tokens:
        return None
    first = tokens[0].split("'")[-1].lower()
    last = tokens[-1].lower().rstrip(",")
    several = len(tokens) > 1
    directions = words("name_words", kind="direction")
    if first in directions and (not several or _place_after_direction(tokens)):
        return "LOC"  # le Nord-Est; nord de l'Angleterre
    if any(first.startswith(d + "-") and first[len(d) + 1:][:1].isalpha() for d in directions):
        return "LOC"  # Nord-Waziristan, Sud-Soudan
    if first in words("org_words", kind="head") or (several and last in words("org_words", kind="suffix")):
        return "ORG"
    if len(tokens) > 2 and tokens[1].lower() == "of" and first in words("org_words", kind="suffix"):
        return "ORG"  # an English institution's name opens with its head: Observatory of Economic Complexity
    if several and (first in words("name_words", kind="misc-head") or last in words("name_words", kind="misc-suffix")):
        return "MISC"
    if several and (first in words("name_words", kind="place-head") or last in words("name_words",
                                                                                          kind="place-suffix")):
        return "LOC"
    return None


def _place_after_direction(tokens: Sequence[str]) -> bool:
    """``nord de l'Angleterre``, ``sud du pays de Galles``: a cardinal point, de, then a capitalised word."""
    rest = " ".join(tokens[1:]).replace("’", "'")
    return bool(re.match(r"(?:de l'|de la |du |des |d'|de )\S*?[A-ZÀ-Ý]", rest)) and rest[:1] == "d"


def name_type_of_term(canonical: str) -> str:
    """The type of a candidate the NER tagger did not take for a name: a name's type where the
    evidence is plain (a capitalised reference name or company, Bagdad, Toyota; a capitalised
    nationality name, les Camerounais; an organisation, place or event head written as a name's
    or before a capitalised word, Sénat, université de Pennsylvanie, avenue Foch; a
    cardinal point before a place, nord de l'Angleterre), else a term's."""
    tokens = canonical.replace("’", "'").split()
    if not any(t.split("'")[-1][:1].isupper() for t in tokens):
        return TERM
    key, first = fold(canonical), tokens[0].split("'")[-1].lower()
    if key in company_names() or key in organisation_names():
        return "ORG"
    if key in reference_names() or key in place_names():
        return "LOC"
    if is_demonym(canonical):
        return "MISC"
    if first in words("org_words", kind="head"):
        return "ORG"
    if len(tokens) > 1 and first in words("name_words", kind="place-head"):
        return "LOC"
    if first in words("name_words", kind="direction") and _place_after_direction(tokens):
        return "LOC"
    return TERM


def is_demonym(name: str) -> bool:
    """Whether ``name`` is a French nationality or inhabitant name written as a name (one
    capitalised word: Camerounais, Australienne, Américains): a nationality ending on the stem of
    a country's or a place's French name (Cameroun, Australie, Amérique)."""
    if " " in name or not name[:1].isupper() or not name[1:].islower() or len(name) < 5:
        return False
    word = name.lower()
    if word.endswith(("s", "x")) and not word.endswith(("ais", "ois")) or word.endswith(("aises", "oises")):
        word = word[:-1]
    for fem, masc in _FEMININE:
        if word.endswith(fem):
            word = word[: -len(fem)] + masc
            break
    if not word.endswith(_DEMONYM_ENDINGS):
        return False
    return fold(word)[:5] in _place_stems()


@cache
def _place_stems() -> frozenset[str]:
    """The first five letters of the French names of countries and regions (CLDR)."""
    return frozenset(k.replace(" ", "")[:5] for k in reference_names()
                     if " " not in k and len(k) >= 5 and k not in organisation_names())


@cache
def company_names() -> frozenset[str]:
    """Folded names of the companies in ``termkit/data/companies.tsv``."""
    return frozenset(fold(r["name"]) for r in read_table("companies"))


def person_surnames(types: dict[str, str]) -> dict[str, str]:
    """Given the types of a document's (or a corpus's) names by canonical form, the names to
    retype PER: a one-word name that is the last word of a name typed PER (Obama after Barack
    Obama), unless reference evidence types it otherwise."""
    surnames = {n.split()[-1] for n, t in types.items() if t == "PER" and len(n.split()) > 1}
    return {n: "PER" for n, t in types.items() if t not in ("PER", TERM) and " " not in n and n in surnames
            and fold(n) not in company_names() and fold(n) not in reference_names()}


_POINTS = frozenset({"nord", "sud", "est", "ouest"})
_FRAGMENT = r"(?:\b[lL]['’]|\b[lL]e |\b[dD]u |\b[aA]u |\b[dD]e l['’])"


def is_direction_fragment(form: str, sentences: Iterable[str]) -> bool:
    """Whether a cardinal point written alone (Est, Ouest) is, in every sentence it occurs in, a
    fragment: after an article and not before a capitalised word (l'Est et l'Ouest), not a name."""
    if form not in {p.capitalize() for p in _POINTS}:
        return False
    seen = False
    for text in sentences:
        for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
            before, after = text[: m.start()], text[m.end():]
            if not re.search(_FRAGMENT + r"$", before) or re.match(r"\s+(?:de |du |des )?[A-ZÀ-Ý]", after):
                return False
            seen = True
    return seen
