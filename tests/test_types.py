"""Names' types on real Stanza parses of short French sentences written for these tests, and the
rules of termkit.extract.types on their own."""

from __future__ import annotations

from collections import Counter

import pytest

from termkit.extract import ExtractOptions, extract_terms
from termkit.extract.types import is_demonym, is_direction_fragment, name_type_of_term, person_surnames, refine_type
from termkit.sources import SourceDocument


def _types(parser, text: str) -> dict[str, str]:
    cands = extract_terms(parser.parse([SourceDocument("t", text)]), ExtractOptions(keep_all=True))
    return {c.canonical: c.type for c in cands}


def test_companies_places_and_given_names_are_typed_on_a_real_parse(parser):
    types = _types(parser, "Google et Renault ont annoncé mardi des résultats en hausse. Selon Katie O'Malley, "
                           "porte-parole du groupe à New York, Renault vendra davantage en Bagdad et au pays de Galles.")
    assert types.get("Google") == "ORG"
    assert types.get("Renault") == "ORG"
    assert types.get("Katie O'Malley") == "PER"
    assert types.get("New York") == "LOC"


def test_a_surname_after_the_full_name_is_the_persons_on_a_real_parse(parser):
    types = _types(parser, "Le ministre Chuck Hagel est arrivé à Kaboul lundi. Hagel a rencontré les militaires "
                           "américains. Selon Hagel, la mission continuera.")
    assert types.get("Chuck Hagel") == "PER"
    assert types.get("Hagel", "PER") == "PER"  # grouped under Chuck Hagel, or typed PER on its own; never ORG/LOC


def test_cardinal_points_alone_after_an_article_are_no_name_on_a_real_parse(parser):
    types = _types(parser, "La guerre froide a longtemps opposé l'Est et l'Ouest. Le Nord-Est du pays reste pauvre.")
    assert "Ouest" not in types and "Est" not in types
    assert types.get("Nord-Est") == "LOC"


@pytest.mark.parametrize("canonical,votes,expected", [
    ("Sony", {"PER": 2}, "ORG"),                     # a company NER took for a person
    ("Nissan Motor", {"PER": 1}, "ORG"),             # a company's name and more
    ("Affordable Care Act", {"ORG": 1}, "MISC"),     # a law: English suffix
    ("loi Evin", {"PER": 1}, "MISC"),                # a law: French head
    ("Sunshine Coast", {"PER": 1}, "LOC"),           # a place's English suffix
    ("avenue Foch", {"PER": 1}, "LOC"),              # a place's French head
    ("Sydney", {"ORG": 1}, "LOC"),                   # a time-zone city
    ("Sydney", {"PER": 1}, "PER"),                   # ... unless Stanza saw a person
    ("Nord-Waziristan", {"PER": 1}, "LOC"),          # a cardinal point prefixed to a place
    ("Ross McEwan", {"ORG": 1}, "PER"),              # a given name (gender-guesser's list)
    ("Camerounais", {"LOC": 1}, "MISC"),             # a nationality used as a name
    ("USA", {"ORG": 1}, "LOC"),                      # a country's acronym is a place
    ("Quelquechose", {"DATE": 1}, "MISC"),           # a vote outside the four types
])
def test_refine_type_rules(canonical, votes, expected):
    assert refine_type(canonical, [canonical], Counter(votes)) == expected


@pytest.mark.parametrize("canonical,expected", [
    ("Bagdad", "LOC"), ("Toyota", "ORG"), ("pays de Galles", "LOC"), ("université de Pennsylvanie", "ORG"),
    ("ministère des Affaires étrangères", "ORG"), ("nord de l'Angleterre", "LOC"), ("rue Réjane", "LOC"),
    ("Français", "MISC"), ("cour d'appel", "TERM"), ("syndrome de stress post-traumatique", "TERM"),
])
def test_a_name_the_ner_tagger_missed_gets_a_names_type(canonical, expected):
    assert name_type_of_term(canonical) == expected


@pytest.mark.parametrize("word,expected", [
    ("Camerounais", True), ("Australienne", True), ("Américains", True), ("Français", True),
    ("Francis", False), ("Frances", False), ("Paris", False), ("camerounais", False),
])
def test_demonyms(word, expected):
    assert is_demonym(word) is expected


def test_person_surnames_retype_only_the_last_word_of_a_person():
    assert person_surnames({"Barack Obama": "PER", "Obama": "ORG", "Google": "PER", "Washington": "LOC",
                            "Obama Care": "MISC"}) == {"Obama": "PER"}


def test_direction_fragments():
    assert is_direction_fragment("Ouest", ["Le conflit entre l'Est et l'Ouest."])
    assert not is_direction_fragment("Ouest", ["Il vit dans l'Ouest Canadien."])
    assert not is_direction_fragment("Nord-Est", ["le Nord-Est"])
    assert not is_direction_fragment("Ouest", ["Ouest-France titre sur la crise."])


def test_a_name_capitalised_on_its_first_word_only_is_kept_whole_on_a_real_parse(parser):
    # French writes an institution's name with one capital: "Nations unies" (NER tags "Nations" alone)
    types = _types(parser, "Le texte invoque la charte des Nations unies. Le Kazakhstan a prêté 2 milliards "
                           "de dollars.")
    assert "Nations unies" in types and types.get("Nations", "TERM") == "TERM", types
    assert types.get("Kazakhstan") == "LOC"  # a place is not extended over what follows it
