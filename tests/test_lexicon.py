"""The offline FR->EN word lexicon (termkit/data/lexicon.fr-en.tsv) and the English it suggests for
terms in French-only builds: suggestions only, never the concept's English."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from termkit.cli import cli
from termkit.errors import TermkitError
from termkit.extract.model import Candidate, Variant
from termkit.glossary.build import BuildOptions, build_glossary
from termkit.glossary.french_only import english_from_french
from termkit.glossary.lexicon import (
    LEXICON,
    build_lexicon,
    en_plural,
    en_singular,
    load_lexicon,
    suggest_terms,
    word_translations,
)


def term(fr: str) -> Candidate:
    return Candidate(fr, fr, "TERM", 1, 1, 0.0, [Variant(fr, 1, "canonical")], words=len(fr.split()))


def top3(fr: str) -> list[str]:
    return [r.en for r in suggest_terms(fr)]


def test_the_shipped_lexicon_knows_common_words_and_names_its_sources():
    lexicon = load_lexicon()
    assert word_translations("voiture", lexicon)[0].en == "car"
    assert word_translations("voitures", lexicon)[0].en == "car"  # in the singular: the composer inflects
    assert "minister" in [t.en for t in word_translations("ministre", lexicon)]
    assert {s for ts in lexicon.values() for t in ts for s in t.source.split("+")} == {"freedict", "use", "cognate"}
    header = LEXICON.read_text(encoding="utf-8")[:3000]
    assert "GNU General Public License" in header and "termkit lexicon build" in header
    assert LEXICON.stat().st_size < 8_000_000


def test_a_word_written_without_its_accents_finds_its_entry():
    lexicon = load_lexicon()
    assert word_translations("Etat", lexicon)[0].en == word_translations("État", lexicon)[0].en


@pytest.mark.parametrize("fr,en", [
    ("ventes de voitures", "car sales"),  # N de N -> N N, the modifier in the singular
    ("terres rares", "rare earths"),  # N ADJ -> ADJ N
    ("dette publique", "public debt"),
    ("guerre civile", "civil war"),
    ("mesures de sécurité", "security measures"),
])
def test_terms_are_composed_with_english_word_order(fr, en):
    assert en in top3(fr)


def test_a_term_with_a_preposition_gets_the_compound_and_the_of_phrase():
    options = top3("ministre de la défense")
    assert len(options) == 3 and {"defence minister", "defense minister"} & set(options)
    assert {"minister of defence", "minister of defense"} & {r.en for r in suggest_terms("ministre de la défense", top=6)}
    # the parts keep their own English order: N ADJ inside the modifier too
    assert all(o.startswith("foreign ") and o.endswith(" minister")
               for o in top3("ministre des affaires étrangères"))


def test_english_number():
    assert (en_singular("cars"), en_singular("policies"), en_singular("firemen"), en_singular("news")) == (
        "car", "policy", "fireman", "news")
    assert (en_plural("policy"), en_plural("tax"), en_plural("fireman"), en_plural("software")) == (
        "policies", "taxes", "firemen", "software")


def test_an_unknown_acronym_or_word_gets_no_suggestion():
    assert top3("PIB") == []  # its English is another acronym (GDP): no guess
    assert top3("flurbatisation zorglienne") == []


def test_a_term_gets_suggestions_and_never_an_english_from_the_french_alone():
    eq = english_from_french(term("ventes de voitures"))
    assert eq is not None and eq.en == "" and eq.variants == []
    assert "car sales" in [s.en for s in eq.suggestions] and len(eq.suggestions) <= 3
    assert all(0 < s.probability < 0.5 and s.evidence.startswith("lexicon:") for s in eq.suggestions)


@pytest.mark.slow
def test_a_french_only_build_gives_terms_suggestions_but_no_english(seed_docs):
    doc = next(d for d in seed_docs if d.id.startswith("critical-minerals"))
    glossary, _ = build_glossary([doc], None, None, BuildOptions())
    terms = [c for c in glossary if c.type == "TERM"]
    assert terms and all(c.en == "" for c in terms)
    suggested = {c.fr: c.en_suggestions for c in terms if c.en_suggestions}
    assert len(suggested) >= len(terms) // 2
    assert all(len(s) <= 3 for s in suggested.values())


def test_the_builder_writes_the_lexicon_format_from_freedict(tmp_path):
    out = tmp_path / "lexicon.tsv"
    report = build_lexicon(out, sources=("freedict",))
    lexicon = load_lexicon(out)
    assert report.rows > 10_000 and report.by_source == {"freedict": report.by_source["freedict"]}
    assert "car" in [t.en for t in lexicon["voiture"]]
    assert all(t.source == "freedict" for ts in lexicon.values() for t in ts)


def test_a_missing_freedict_fails_with_one_clear_line(tmp_path):
    with pytest.raises(TermkitError, match="FreeDict fra-eng not found"):
        build_lexicon(tmp_path / "x.tsv", sources=("freedict",), freedict=tmp_path / "none")
    result = CliRunner().invoke(cli, ["lexicon", "build", "--source", "freedict", "--freedict",
                                      str(tmp_path / "none"), "-o", str(tmp_path / "x.tsv")])
    assert result.exit_code == 2 and not (tmp_path / "x.tsv").exists()
    assert len(result.output.strip().splitlines()) == 1 and "dict-freedict-fra-eng" in result.output


def test_the_build_command_has_help_with_an_example():
    result = CliRunner().invoke(cli, ["lexicon", "build", "--help"])
    assert result.exit_code == 0 and "termkit lexicon build -o termkit/data/lexicon.fr-en.tsv" in result.output
