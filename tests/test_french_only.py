"""English for names from the French alone (`glossary build --fr` with no English)."""

from __future__ import annotations

import pytest

from termkit.extract.model import Candidate, Variant
from termkit.glossary.build import BuildOptions, build_glossary
from termkit.glossary.french_only import english_from_french
from termkit.reference import lookup


def cand(name: str, ctype: str, *others: str) -> Candidate:
    return Candidate(name, name, ctype, 1, 1, 0.0, [Variant(f, 1, "canonical") for f in (name, *others)],
                     words=len(name.split()))


@pytest.mark.parametrize("name,ctype,en,method", [
    ("Donald Trump", "PER", "Donald Trump", "identical"),
    ("François Hollande", "PER", "François Hollande", "identical"),  # French, and still a person's name
    ("Lars von Trier", "PER", "Lars von Trier", "identical"),
    ("Kassym-Jomart Tokaïev", "PER", "Kassym-Jomart Tokayev", "transliteration"),
    ("Pékin", "LOC", "Beijing", "reference"),
    ("Caroline du Sud", "LOC", "South Carolina", "reference"),  # ISO 3166-2 through pycountry
    ("Maison Blanche", "ORG", "White House", "reference"),
    ("La Presse Canadienne", "ORG", "The Canadian Press", "reference"),
    ("Tau-Ken Samruk", "ORG", "Tau-Ken Samruk", "identical"),
    ("Afrique de l'Ouest", "LOC", "West Africa", "reference"),
])
def test_names_get_english_from_the_french_alone(name, ctype, en, method):
    eq = english_from_french(cand(name, ctype))
    assert (eq.en, eq.method) == (en, method)
    assert eq.confidence >= 0.9 and eq.evidence


def test_a_name_of_french_words_found_nowhere_gets_a_suggestion_not_a_proposal():
    eq = english_from_french(cand("Société des transports de Montmagny", "ORG"))
    assert eq.en == "" and eq.suggestions[0].en == "Société des transports de Montmagny"
    assert eq.suggestions[0].probability < 0.5
    assert english_from_french(cand("Lanaudière", "LOC")).en == ""  # French accents, no reference: no guess


def test_an_acronym_and_its_expansion_are_one_concept_with_both_english_forms():
    eq = english_from_french(cand("Fonds monétaire international", "ORG", "FMI"))
    assert eq.en == "International Monetary Fund" and "IMF" in eq.variants
    eq = english_from_french(cand("Barack Obama", "PER", "Obama"))
    assert (eq.en, eq.variants) == ("Barack Obama", ["Obama"])  # the full name, the surname a variant


def test_terms_get_suggestions_only_from_the_french_alone():
    eq = english_from_french(cand("terres rares", "TERM"))
    assert eq.en == "" and "rare earths" in [s.en for s in eq.suggestions]  # tests/test_lexicon.py


def test_every_reference_name_names_its_source():
    for name in ("Kirghizistan", "Pékin", "Caroline du Sud", "OTAN", "Bureau ovale"):
        en, source = lookup(name)
        assert en and source


def test_a_seed_built_from_the_french_alone_has_english_for_its_names(seed_docs):
    doc = next(d for d in seed_docs if d.id.startswith("c5-summit"))
    glossary, _ = build_glossary([doc], None, None, BuildOptions())
    english = {c.fr: c.en for c in glossary}
    assert english.get("Donald Trump") == "Donald Trump"
    assert english.get("Maison Blanche") == "White House"
    assert english.get("Marco Rubio") == "Marco Rubio"
    assert sum(bool(c.en) for c in glossary if c.type != "TERM") >= 15
    assert all(c.confidence is not None for c in glossary if c.en)
