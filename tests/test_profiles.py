"""Profiles (news by default, specialised), types from evidence beyond the NER vote, and the
project model that adapts the shipped news model with a team's reviews."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from click.testing import CliRunner

from termkit.cli import cli
from termkit.extract import ExtractOptions, extract_terms
from termkit.extract.ranker import PROFILES, choose_model, load_model, shipped_model_path
from termkit.extract.types import refine_type
from termkit.glossary import Concept, write_tsv


def test_each_profile_ships_a_model_that_says_what_it_is():
    for profile in PROFILES:
        model = load_model(shipped_model_path(profile))
        assert model.meta["profile"] == profile and model.meta.get("licence")
        assert model.feature_version and model.threshold
    news = load_model(shipped_model_path("news"))
    assert news.review_threshold < news.threshold  # glossary build keeps more, for recall
    assert "news_gold" in news.meta["gold"] and news.meta["half"] == "tune"


def test_the_news_profile_is_the_default_and_keeps_what_a_news_glossary_needs(seed_docs):
    default = extract_terms(seed_docs, ExtractOptions())
    specialised = extract_terms(seed_docs, ExtractOptions(profile="specialised"))
    assert {c.canonical for c in default} != {c.canonical for c in specialised}
    kept = {c.canonical for c in default}
    assert {"Donald Trump", "Maison Blanche", "Marco Rubio"} <= kept


def test_an_unknown_profile_is_exit_2_listing_the_profiles():
    result = CliRunner().invoke(cli, ["extract", "seeds/c5-summit-trump-central-asia.fr.txt", "--profile", "sport"])
    assert result.exit_code == 2 and "news" in result.stderr and "specialised" in result.stderr


@pytest.mark.parametrize("canonical,votes,expected", [
    ("Banque mondiale", {"LOC": 2}, "ORG"),            # a reference organisation
    ("Pékin", {"PER": 1}, "LOC"),                      # a reference place
    ("General Motors Co", {"MISC": 1}, "ORG"),         # a company's legal form
    ("Observatory of Economic Complexity", {"LOC": 1}, "ORG"),  # an English institution opens with its head
    ("Cove Capital", {"MISC": 1}, "ORG"),              # an investment firm
    ("ministère de l'Intérieur", {"LOC": 1}, "ORG"),  # the head of an institution's name
    ("Vyacheslav Kim", {"LOC": 3}, "PER"),             # a given name
    ("GCHQ", {"PER": 1}, "ORG"),                       # an acronym
    ("Tau-Ken Samruk", {"ORG": 2, "LOC": 1}, "ORG"),   # nothing else known: the NER vote
])
def test_a_names_type_comes_from_evidence_beyond_the_ner_vote(canonical, votes, expected):
    assert refine_type(canonical, [canonical], Counter(votes)) == expected


def test_the_project_model_learns_from_reviews_and_says_so(seed_docs, models, parse_cache, tmp_path, monkeypatch):
    ranked = extract_terms(seed_docs, ExtractOptions(keep_all=True))
    approved, rejected = ranked[:25], ranked[-25:]
    glossary = tmp_path / "glossaries" / "team.fr-en.tsv"
    glossary.parent.mkdir()
    write_tsv([Concept(f"a{k}", c.canonical, status="approved") for k, c in enumerate(approved)]
              + [Concept(f"r{k}", c.canonical, status="rejected") for k, c in enumerate(rejected)], glossary)
    from conftest import SEEDS

    texts = [str(p) for p in sorted(SEEDS.glob("*.fr.txt"))]
    models = models.resolve()  # before the chdir: TERMKIT_STANZA_DIR may be relative
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    few = tmp_path / "few.tsv"
    write_tsv([Concept("a", approved[0].canonical, status="approved")], few)
    result = runner.invoke(cli, ["ranker", "train", "--glossary", str(few), "--texts", *texts, "--cache-dir",
                                 str(parse_cache), "--models", str(models), "-q"])
    assert result.exit_code == 2 and "found 1 approved and 0 rejected" in result.stderr
    result = runner.invoke(cli, ["ranker", "train", "--glossary", str(glossary), "--texts", *texts, "--cache-dir",
                                 str(parse_cache), "--models", str(models), "-q", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    model = json.loads((tmp_path / ".termkit" / "ranker.json").read_text())
    assert model["meta"]["adapts"] == "news" and model["meta"]["decisions"] >= 40
    choice = choose_model(None, "news")
    assert choice.source == ".termkit/ranker.json" and "project model" in choice.notes[0]
    result = runner.invoke(cli, ["extract", *texts, "--cache-dir", str(parse_cache), "--models", str(models),
                                 "-q", "--format", "tsv"])
    assert result.exit_code == 0 and "project model" in result.stderr
    data = json.loads((tmp_path / ".termkit" / "ranker.json").read_text())
    data["feature_version"] = 0  # a project model of another feature version: set aside, with the fix
    (tmp_path / ".termkit" / "ranker.json").write_text(json.dumps(data))
    choice = choose_model(None, "news")
    assert choice.source == "shipped news model" and "termkit ranker train" in choice.notes[0]
