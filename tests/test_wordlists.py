"""termkit's word lists and reference tables (termkit/data/*.tsv): one loader, and no two lists that
contradict each other."""

from __future__ import annotations

from collections import Counter

import pytest

from termkit.textnorm import fold
from termkit.wordlists import DATA, read_table, words

TABLES = sorted(p.stem for p in DATA.glob("*.tsv"))


@pytest.mark.parametrize("name", TABLES)
def test_every_table_reads_and_has_no_repeated_row(name):
    rows = read_table(name)
    assert rows, name
    assert all(any(v.strip() for v in r.values()) for r in rows)
    repeated = [k for k, n in Counter(tuple(r.values()) for r in rows).items() if n > 1]
    assert not repeated, repeated


def test_a_title_is_never_an_institution_a_given_name_or_an_organisation_word():
    titles = words("titles", kind="person") | {fold(w) for w in words("titles", kind="english")}
    heads = words("org_words", kind="head") | words("org_words", kind="institution") | words("org_words",
                                                                                              kind="place-holder")
    assert not titles & heads
    assert not titles & {w.lower() for w in words("first_names")}


def test_the_french_titles_before_names_are_person_titles_or_saints():
    saints = {"St", "Ste", "Saint", "Sainte"}
    for title in words("titles", kind="before-name") - saints:
        assert title.lower().rstrip(".") in words("titles", kind="person"), title


def test_a_given_name_is_never_an_organisation_word():
    assert not {w.lower() for w in words("first_names")} & (words("org_words", kind="head")
                                                              | words("org_words", kind="suffix"))


@pytest.mark.parametrize("table,fr,en", [("places", "fr", "en"), ("organisations", "fr", "en")])
def test_no_french_name_is_given_two_english_names(table, fr, en):
    seen: dict[str, str] = {}
    for row in read_table(table):
        key = fold(row[fr])
        assert seen.setdefault(key, row[en]) == row[en], (row[fr], seen[key], row[en])


def test_a_place_is_never_also_an_organisation():
    places = {fold(r["fr"]) for r in read_table("places")}
    organisations = {fold(r["fr"]) for r in read_table("organisations")}
    assert not places & organisations


def test_a_company_is_never_a_given_name_a_place_or_an_organisation():
    companies = {fold(r["name"]) for r in read_table("companies")}
    assert not companies & {fold(w) for w in words("first_names")}
    assert not companies & {fold(r["fr"]) for r in read_table("places")}
    assert not companies & {fold(r["fr"]) for r in read_table("organisations")}


def test_place_and_event_words_are_never_organisation_words():
    org = words("org_words", kind="head") | words("org_words", kind="suffix")
    for kind in ("place-head", "place-suffix", "misc-head", "misc-suffix", "direction"):
        assert not words("name_words", kind=kind) & org, kind
    assert not words("name_words", kind="place-head") & words("name_words", kind="misc-head")
    assert not words("name_words", kind="place-suffix") & words("name_words", kind="misc-suffix")
