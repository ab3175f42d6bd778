"""A name's type from evidence beyond Stanza's NER vote: reference names (a CLDR country or
city, a place, an organisation), the words that make an organisation's name (a French head,
Banque, ministère; an English or legal suffix, Bank, Co), and given names (a name opening with
one is a person's). What none of them decides keeps the NER vote."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from termkit.reference import organisation_names, reference_names
from termkit.textnorm import fold, is_acronym
from termkit.wordlists import words


def refine_type(canonical: str, forms: Iterable[str], votes: Counter) -> str:
    """The type of a name written ``canonical`` (other ``forms``), Stanza having voted ``votes``."""
    ner = votes.most_common(1)[0][0] if votes else "MISC"
    keys = [fold(f) for f in dict.fromkeys([canonical, *forms])]
    if any(k in organisation_names() for k in keys):
        return "ORG"
    if any(k in reference_names() for k in keys):
        return "LOC"
    tokens = canonical.replace("’", "'").split()
    first = tokens[0].split("'")[-1].lower() if tokens else ""
    last = tokens[-1].lower().rstrip(",") if tokens else ""
    if first in words("org_words", kind="head") or (len(tokens) > 1 and last in words("org_words", kind="suffix")):
        return "ORG"
    if len(tokens) > 1 and tokens[0] in words("first_names") and all(t[:1].isupper() for t in tokens[1:]):
        return "PER"
    if is_acronym(canonical):  # BBC, CGT, GCHQ: an acronym in news names an organisation
        return "ORG"
    return ner
