"""Classes of false alarm seen on news the checker had never seen, fixed as classes: times,
ranges, quantities said in words, date notations, typos in the source, other names of
countries, capitalised names; one finding per problem; reports that show the sentence."""

from __future__ import annotations

import json

import pytest
from conftest import termkit

from termkit.check import one_per_problem
from termkit.check.model import Finding, Segment
from termkit.check.numbers import check_numbers
from termkit.check.terms import TermIndex, check_terms, english_keys, near_name
from termkit.glossary import Concept


@pytest.mark.parametrize("fr, en", [
    ("Rendez-vous à 20 heures.", "See you at 8 pm."),
    ("La séance reprend à 14 heures 30.", "The session resumes at 2.30pm."),
    ("Les ventes iront de 4,2 à 4,5 milliards de dollars.", "Sales will range from $4.2 billion to $4.5 billion."),
    ("Entre 3 et 5 M$ seront investis.", "Between $3m and $5m will be invested."),
    ("Il y a 10 ans, il est parti.", "A decade ago he left."),
    ("Il reviendra dans 15 jours.", "He will be back in a fortnight."),
    ("Il a acheté 12 œufs.", "He bought a dozen eggs."),
    ("Les prix ont augmenté 2 fois.", "Prices rose twice."),
    ("Les attentats du 11 septembre.", "The 9/11 attacks."),
    ("Le bénéfice de l'exercice 2015.", "FY2015 profit."),
    ("Les chiffres du premier trimestre 2015.", "Q1/15 figures."),
    ("Il a payé de1 000 dollars.", "He paid $1,000."),
    ("Sans doute entre 120 et 150 millions.", "Probably between 120 and 150 million."),
    ("Elle libérera de 10 à 11 milliards de livres.", "It will release £10-11 billion."),
])
def test_number_classes_are_not_false_alarms(fr, en):
    assert check_numbers(Segment("d", "1", fr, en)) == []


@pytest.mark.parametrize("fr, en", [
    ("Le prix est de 3,07 milliards.", "The price is 3.7 billion."),
    ("Les ventes iront de 4,2 à 4,5 milliards.", "Sales will range from $4.2 million to $4.5 billion."),
    ("Il y a 12 ans, il est parti.", "A decade ago he left."),
])
def test_real_number_errors_are_still_reported(fr, en):
    assert [f.check for f in check_numbers(Segment("d", "1", fr, en))] == ["number"]


def test_names_with_an_ampersand_match():
    from termkit.textnorm import en_key

    key = en_key("Standard & Poor's")
    assert f" {key} " in english_keys("Rating agency, Standard & Poor's, reduced it.").text


def test_a_common_word_is_not_a_misspelt_name():
    assert near_name(["Europe"], english_keys("The euro fell against the dollar.")) is None
    assert near_name(["Europe"], english_keys("Leaders of Erope met.")) == "Erope"


def test_other_names_of_a_country_are_accepted(parser):
    index = TermIndex([Concept("etats-unis", "États-Unis", "United States", type="LOC", status="approved"),
                       Concept("royaume-uni", "Royaume-Uni", "United Kingdom", type="LOC", status="approved")])
    doc = parser.parse_text("Les États-Unis et le Royaume-Uni ont signé.")
    tokens = [t for s in doc.sentences for t in s.tokens]
    from collections import defaultdict

    seg = Segment("d", "1", doc.text, "America and Britain signed.", 0, len(doc.text))
    assert check_terms(index, seg, tokens, defaultdict(list)) == []
    wrong = Segment("d", "1", doc.text, "France and Spain signed.", 0, len(doc.text))
    assert "royaume-uni" in {f.concept for f in check_terms(index, wrong, tokens, defaultdict(list))}


def test_a_misspelling_listed_as_forbidden_is_one_finding():
    name = Finding("name", "error", "d", "1", "misspelt", "Tokaïev", "Tokaev", "Tokayev")
    bad = Finding("forbidden", "error", "d", "1", "forbidden", "", "Tokaev", "Tokayev")
    assert one_per_problem([name, bad]) == [bad]


def test_reports_show_the_sentences_with_the_spans_marked(tmp_path, models, parse_cache):
    (tmp_path / "a.fr.txt").write_text("Le prix est de 3,07 milliards de dollars.\n", encoding="utf-8")
    (tmp_path / "a.en.txt").write_text("The price is $3.7 billion.\n", encoding="utf-8")
    args = ["check", tmp_path / "a.fr.txt", tmp_path / "a.en.txt", "--models", models.resolve(),
            "--cache-dir", parse_cache]
    text = termkit(*args, cwd=tmp_path).stdout
    assert "    FR: Le prix est de [[3,07 milliards]] de dollars." in text and "    EN: The price is $3.7 billion." in text
    finding = json.loads(termkit(*args, "--format", "json", cwd=tmp_path).stdout)["findings"][0]
    assert finding["source_text"].startswith("Le prix") and finding["target_text"].startswith("The price")
    sarif = json.loads(termkit(*args, "--format", "sarif", cwd=tmp_path).stdout)
    assert sarif["runs"][0]["results"][0]["properties"]["sourceSentence"].startswith("Le prix")


def _one(parser, fr, en, concept):
    from collections import defaultdict

    doc = parser.parse_text(fr)
    tokens = [t for s in doc.sentences for t in s.tokens]
    return check_terms(TermIndex([concept]), Segment("d", "1", doc.text, en, 0, len(doc.text)), tokens,
                       defaultdict(list))


def test_roles_states_and_places_inside_names(parser):
    dupont = Concept("jean-dupont", "Jean Dupont", "Jean Dupont", type="PER", status="approved",
                     fr_variants=["Dupont"])
    assert _one(parser, "Me Dupont a plaidé non coupable.", "The lawyer pleaded not guilty.", dupont) == []
    assert _one(parser, "Me Dupont a plaidé non coupable.", "The judge pleaded not guilty.", dupont) != []
    calif = Concept("californie", "Californie", "California", type="LOC", status="approved")
    assert _one(parser, "Il vit en Californie.", "He lives in San Diego, Calif.", calif) == []
    china = Concept("chine", "Chine", "China", type="LOC", status="approved")
    assert _one(parser, "Selon l'agence Chine nouvelle, il est parti.", "According to Xinhua, he left.", china) == []
    assert _one(parser, "Il est allé en Chine.", "He went to Japan.", china) != []


def test_a_role_does_not_excuse_a_misspelt_name(parser):
    money = Concept("john-money", "John Money", "John Money", type="PER", status="approved")
    fr = "La théorie a été lancée par le Dr John Money, de l'université Johns-Hopkins."
    assert _one(parser, fr, "The theory was put forward by Dr. John Money at Johns Hopkins.", money) == []
    found = _one(parser, fr, "The theory was put forward by Dr. John Mnoey at Johns Hopkins.", money)
    assert [(f.check, f.severity, f.target_span) for f in found] == [("name", "error", "John Mnoey")]


def test_an_acronym_does_not_excuse_a_misspelt_expansion_beside_it(parser):
    ecb = Concept("bce", "Banque centrale européenne", "European Central Bank", ["BCE"], ["ECB"], type="ORG",
                  status="approved")
    fr = "La Banque centrale européenne (BCE) pourrait assouplir sa politique monétaire."
    assert _one(parser, fr, "The European Central Bank (ECB) might relax its monetary policy.", ecb) == []
    assert _one(parser, fr, "The ECB might relax its monetary policy.", ecb) == []
    found = _one(parser, fr, "The Eruopean Central Bank (ECB) might relax its monetary policy.", ecb)
    assert [(f.check, f.severity, f.target_span) for f in found] == [("name", "error", "Eruopean Central Bank")]
    # a one-word short form is not checked against other short words: "GM" beside "GMT"
    gmt = Concept("gmt", "GMT", "GMT", type="ORG", status="approved")
    assert _one(parser, "Le marché ouvre à 8 h GMT, selon GM.", "The market opens at 0800 GMT, GM said.", gmt) == []


def test_initials_of_a_capitalised_english_term_count(parser):
    un = Concept("nations-unies", "Nations Unies", "United Nations", status="approved")
    fr = "Le sommet des Nations Unies a commencé à Rio."
    assert _one(parser, fr, "The UN summit began in Rio.", un) == []
    assert _one(parser, fr, "The summit began in Rio.", un)[0].severity == "warning"


def test_a_term_inside_a_defined_acronym_may_be_rendered_by_the_acronym(parser):
    dev = Concept("developpement-sexuel", "développement sexuel", "sexual development", status="approved")
    fr = "Il est né avec un désordre du développement sexuel (DDS) qui a freiné sa croissance."
    # the English keeps only the acronym, its letters in English order
    assert _one(parser, fr, "He was born with a DSD that slowed his growth.", dev) == []
    assert _one(parser, fr, "He was born with a disorder of sexual development that slowed his growth.", dev) == []
    # no acronym in the English: the term is missing, as before
    assert [f.check for f in _one(parser, fr, "He was born with a disorder that slowed his growth.", dev)] == [
        "terminology"]
    # a term before the spelled-out form is not part of it
    growth = Concept("croissance-economique", "croissance économique", "economic growth", status="approved")
    fr2 = "La croissance économique de la Banque centrale européenne (BCE) a baissé."
    assert [f.check for f in _one(parser, fr2, "The ECB's growth fell.", growth)] == ["terminology"]


def test_a_partial_rendering_of_a_term_is_info_not_a_warning(parser):
    pay = Concept("indemnite-de-depart", "indemnité de départ", "severance pay", status="approved")
    fr = "Goodyear avait offert aux salariés une bonne indemnité de départ."
    partial = _one(parser, fr, "Goodyear had offered the employees a good severance package.", pay)
    assert [(f.severity, f.target_span) for f in partial] == [("info", "severance")]
    assert "keeps only 'severance'" in partial[0].message
    # nothing of the term in the English: a warning, as before
    missing = _one(parser, fr, "Goodyear had offered the employees a good deal.", pay)
    assert [f.severity for f in missing] == ["warning"]
    # a forbidden form is still an error, whatever else the sentence keeps
    pay.en_forbidden = ["severance package"]
    assert "error" in {f.severity for f in _one(parser, fr, "They offered a good severance package.", pay)}
