"""Classes of false alarm of `termkit check` fixed as classes (issue 36, part 4): a number
glued to letters that English says in a word (33T -> LPs), a currency written with a
country's symbol (3 000 $ de Singapour -> S$3,000), and a related or longer name read as a
misspelling at error severity (GMC beside General Motors, UNO for UN)."""

from __future__ import annotations

import pytest

from termkit.check import read_inputs, run_checks
from termkit.check.model import Segment
from termkit.check.numbers import check_numbers
from termkit.glossary import Concept


def pair(parser, tmp_path, fr: str, en: str, concepts: list) -> list:
    """The findings of warning or error severity on a one-segment article pair."""
    (tmp_path / "a.fr.txt").write_text(fr + "\n", encoding="utf-8")
    (tmp_path / "a.en.txt").write_text(en + "\n", encoding="utf-8")
    docs = read_inputs([str(tmp_path / "a.fr.txt"), str(tmp_path / "a.en.txt")])
    return [f for f in run_checks(docs, concepts, parser).findings if f.severity != "info"]


def alarms(fr: str, en: str) -> list[str]:
    return [f.message for f in check_numbers(Segment("d", "1", fr, en)) if f.severity != "info"]


@pytest.mark.parametrize("fr, en", [
    ("Il collectionne les 33T des Beatles depuis 1970.", "He has collected Beatles LPs since 1970."),
    ("Ses 45T se vendent mal.", "His singles sell badly."),
    ("Il a acheté un 4x4 d'occasion.", "He bought a second-hand SUV."),
    ("Le film sort en 3D.", "The film comes out in stereoscopic format."),
])
def test_number_glued_to_letters_said_in_a_word(fr, en):
    assert alarms(fr, en) == []
    # still noted (info), for a reviser who wants to look
    assert [f.severity for f in check_numbers(Segment("d", "1", fr, en))] == ["info"]


@pytest.mark.parametrize("fr, en", [
    ("Il a couru un 10km en 40 minutes.", "He ran a 12km race in 40 minutes."),   # a unit glued: a quantity
    ("Un camion de 33t de blé.", "A truck with 55 tonnes of wheat."),           # t (tonnes) is not T
    ("Il collectionne les 33T depuis 1970.", "He has collected LPs since 1971."),  # the other numbers still count
])
def test_glued_units_and_other_numbers_are_still_checked(fr, en):
    assert alarms(fr, en) != []


SINGAPORE = [Concept("singapour", "Singapour", "Singapore", type="LOC", status="approved"),
             Concept("hong-kong", "Hong Kong", "Hong Kong", type="LOC", status="approved")]


@pytest.mark.parametrize("fr, en, flagged", [
    ("Le billet coûte 3 000 $ de Singapour.", "The ticket costs S$3,000.", False),
    ("Le billet coûte 3 000 dollars de Singapour.", "The ticket costs SGD 3,000.", False),
    ("Le billet coûte 3 000 dollars de Hong Kong.", "The ticket costs HK$3,000.", False),
    ("Le billet coûte 3 000 dollars de Singapour.", "The ticket costs 3,000 Singapore dollars.", False),
    # the country really missing: a plain dollar sign, or another country's currency
    ("Le billet coûte 3 000 $ de Singapour.", "The ticket costs $3,000.", True),
    ("Le billet coûte 3 000 $ de Singapour.", "The ticket costs HK$3,000.", True),
    # a symbol does not stand for the place outside an amount
    ("Il vit à Singapour et gagne 3 000 $.", "He lives in S$ country and earns $3,000.", True),
])
def test_currency_with_a_country_symbol(parser, tmp_path, fr, en, flagged):
    found = [f for f in pair(parser, tmp_path, fr, en, SINGAPORE) if f.check in ("terminology", "name")]
    assert bool(found) is flagged, [f.message for f in found]


MAKERS = [Concept("general-motors", "General Motors", "GM", fr_variants=["GM"], type="MISC", status="approved"),
          Concept("onu", "ONU", "UN", type="MISC", status="approved")]


@pytest.mark.parametrize("fr, en", [
    # GMC is a name of its own, written in the French too; "General Motors Co" is GM
    ("General Motors Co rappelle près de 19 000 pickups Chevrolet Silverado et GMC Sierra.",
     "General Motors Co is recalling nearly 19,000 Chevrolet Silverado and GMC Sierra pickup trucks."),
    # UNO names the UN (a longer form): a note, not a misspelling
    ("L'Etim a été classée par l'ONU en 2002.", "ETIM was classified by the UNO in 2002."),
])
def test_related_name_is_not_a_misspelling(parser, tmp_path, fr, en):
    found = pair(parser, tmp_path, fr, en, MAKERS)
    assert found == [], [f.message for f in found]


def test_name_written_in_the_french_is_not_read_as_a_misspelling(parser, tmp_path):
    # the English drops GM (a real omission) but keeps GMC, which the French has too:
    # GM is missing, not misspelt as GMC
    found = pair(parser, tmp_path, "GM rappelle ses pickups GMC Sierra.", "The carmaker is recalling its GMC Sierra pickups.",
                 MAKERS)
    assert [f.check for f in found] == ["terminology"], [f.message for f in found]


@pytest.mark.parametrize("fr, en", [
    ("General Motors rappelle ses pickups.", "GMM is recalling its pickups."),       # a repeated letter is a typo
    ("L'Etim a été classée par l'ONU en 2002.", "ETIM was classified by the NU in 2002."),
])
def test_misspelt_names_are_still_errors(parser, tmp_path, fr, en):
    found = pair(parser, tmp_path, fr, en, MAKERS)
    assert [f.severity for f in found if f.check in ("name", "terminology")] == ["error"], [f.message for f in found]
