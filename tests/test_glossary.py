"""The TSV glossary store, merging that never loses edits, English equivalents, and build."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from termkit.errors import InputError
from termkit.extract.model import Candidate, Variant
from termkit.glossary import Concept, Glossary, read_tsv, write_tsv
from termkit.glossary.build import merge
from termkit.glossary.equivalents import EquivalentFinder
from termkit.glossary.reference import reference_names
from termkit.glossary.translit import transliterate
from termkit.glossary.formats.tsv import COLUMNS

from conftest import ROOT, SEEDS

SEED_GLOSSARY = ROOT / "glossaries" / "c5-critical-minerals.fr-en.tsv"


def cand(canonical, ctype="TERM", forms=(), words=1):
    variants = [Variant(canonical, 1, "canonical")] + [Variant(f, 1, "inflection") for f in forms]
    return Candidate(canonical, canonical, ctype, 1, 1, 1.0, variants, words=words)


@pytest.mark.parametrize("fr, en", [("Tokaïev", "Tokayev"), ("Tachkent", "Tashkent"), ("Douchanbé", "Dushanbe"),
                                    ("Djalalabad", "Jalalabad"), ("Bichkek", "Bishkek")])
def test_transliteration_rules(fr, en):
    assert transliterate(fr) == en


def test_cldr_reference_names():
    names = reference_names()
    assert names["kirghizstan"][0] == "Kyrgyzstan"
    assert names["tadjikistan"][0] == "Tajikistan"
    assert names["tachkent"][0] == "Tashkent"
    assert names["etats unis"][0] == "United States"
    assert names["caire"][0] == "Cairo"  # "au Caire": the article of Le Caire contracts


def test_equivalent_methods():
    pairs = [
        ("Le Kirghizistan et le président Tokaïev.", "Kyrgyzstan and President Tokayev."),
        ("Les terres rares sont rares.", "Rare earths are scarce."),
        ("La Chine contrôle les terres rares.", "China controls rare earths."),
        ("Des métaux des terres rares.", "Rare earth metals."),
        ("Donald Trump est arrivé.", "Donald Trump arrived."),
    ]
    finder = EquivalentFinder(pairs)
    kg = finder.find(cand("Kirghizistan", "LOC"))
    assert (kg.en, kg.method) == ("Kyrgyzstan", "reference") and kg.confidence == 1.0
    tok = finder.find(cand("Tokaïev", "PER"))
    assert (tok.en, tok.method) == ("Tokayev", "transliteration")
    assert finder.find(cand("Donald Trump", "PER")).method == "identical"
    rare = finder.find(cand("terres rares", forms=["terre rare"], words=2))
    assert rare.method == "cooccurrence" and rare.en.lower() in ("rare earths", "rare earth")


def test_identical_names_need_the_name_standing_alone():
    pairs = [
        ("Le président François Hollande a parlé.", "President François Hollande spoke."),
        ("François Hollande est à Rome.", "François Hollande is in Rome."),
        ("La Hollande a voté contre.", "The Netherlands voted against."),
        ("Dominique de Villepin a soutenu le projet.", "Dominique de Villepin backed the plan."),
    ]
    finder = EquivalentFinder(pairs)
    # "Hollande" in the English only ever stands for the president, never for la Hollande
    holland = finder.find(cand("Hollande", "LOC"))
    assert holland is None or holland.method != "identical"
    assert finder.find(cand("François Hollande", "PER")).method == "identical"
    # a person is not a place: Dominique is not Dominica unless the English says so
    dom = finder.find(cand("Dominique", "PER"))
    assert (dom.en, dom.method) == ("Dominique", "identical")
    assert "1 of 1" in dom.evidence


def test_equivalents_skip_fragments_and_keep_attested_alternatives():
    pairs = [
        ("Il souffre d'un désordre du développement sexuel.", "He has a disorder of sexual development."),
        ("Un désordre du développement sexuel est rare.", "A disorder of sexual development is rare."),
        ("Le désordre du développement sexuel, dit-elle.", "Disorders of sexual development, she said."),
        ("Kiev a besoin de gaz.", "Kiev needs gas."),
        ("La volonté de Kiev de signer.", "The willingness of Kiev to sign."),
        ("Kiev répond.", "Kiev answers."),
    ]
    finder = EquivalentFinder(pairs)
    dsd = finder.find(cand("désordre du développement sexuel", words=3))
    assert dsd.en.lower() != "disorder of sexual"  # always followed by "development": a fragment
    kiev = finder.find(cand("Kiev", "LOC"))
    assert kiev.method == "reference" and kiev.en == "Kyiv" and "Kiev" in kiev.variants


def test_tsv_round_trip_and_errors(tmp_path):
    g = Glossary([Concept("terres-rares", "terres rares", "rare earths", ["terre rare"], ["rare earth"], ["rare lands"],
                          status="approved", note="a | b? no: plain", contexts=["doc: Les terres rares."])])
    path = tmp_path / "g.tsv"
    write_tsv(g, path)
    back = read_tsv(path)
    assert back.concepts[0].en_forbidden == ["rare lands"] and back.concepts[0].fr_variants == ["terre rare"]
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\tfr\ten\n1\tx\ty\n", encoding="utf-8")
    with pytest.raises(InputError, match="lacks column.*status") as err:
        read_tsv(bad)
    assert err.value.line == 1
    bad.write_text("\t".join(COLUMNS) + "\n" + "a\tb\n", encoding="utf-8")
    with pytest.raises(InputError, match=f"2 columns where the header has {len(COLUMNS)}") as err:
        read_tsv(bad)
    assert err.value.line == 2


def test_merge_never_touches_existing_rows():
    edited = Concept("kirghizstan", "Kirghizstan", "Kyrgyzstan", ["Kirghizistan"], status="candidate", note="my edit")
    approved = Concept("terres-rares", "terres rares", "rare earths", status="approved")
    existing = Glossary([edited, approved])
    new = [Concept("kirghizistan", "Kirghizistan", "Kirghizia"), Concept("terres-rares", "Terres rares", "rare lands"),
           Concept("uranium", "uranium", "uranium")]
    merged, report = merge(existing, new)
    assert merged.concepts[0] is edited and merged.concepts[0].note == "my edit" and merged.concepts[0].en == "Kyrgyzstan"
    assert merged.concepts[1] is approved
    assert [c.id for c in merged.concepts] == ["kirghizstan", "terres-rares", "uranium"]
    assert (report.kept, report.added, report.known) == (2, 1, 2)


def test_seed_glossary_is_reviewed_and_complete():
    g = read_tsv(SEED_GLOSSARY)
    assert len(g) >= 50 and all(c.status == "approved" and c.en for c in g)
    by_fr = {f: c for c in g for f in c.fr_forms()}
    assert by_fr["Kirghizstan"] is by_fr["Kirghizistan"] and by_fr["Kirghizstan"].en == "Kyrgyzstan"
    assert "Kirghizia" in by_fr["Kirghizstan"].en_forbidden
    assert by_fr["terres rares"].en == "rare earths"
    assert by_fr["minerais essentiels"].en == by_fr["minéraux essentiels"].en == "critical minerals"
    assert "EXIM" in by_fr["Export-Import Bank"].en_variants
    types = {c.type for c in g}
    assert {"PER", "ORG", "LOC", "TERM"} <= types


def test_cli_glossary_build_merges_and_keeps_edits(models, tmp_path):
    out = tmp_path / "g.fr-en.tsv"
    fr = sorted(str(p) for p in SEEDS.glob("*.fr.txt"))
    en = sorted(str(p) for p in SEEDS.glob("*.en.txt"))
    cmd = [sys.executable, "-m", "termkit", "glossary", "build", "--fr", *fr, "--en", *en, "-o", str(out),
           "--top", "60", "--models", str(models), "--cache-dir", str(tmp_path / "cache"), "--json"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["added"] >= 40
    g = read_tsv(out)
    kg = next(c for c in g if c.fr == "Kirghizstan")
    assert kg.en == "Kyrgyzstan" and "Kirghizistan" in kg.fr_variants and kg.evidence.startswith("reference")
    assert all(c.status == "candidate" for c in g)
    # a reviewer edits one row and approves it; a rebuild with more candidates keeps it and adds new ones
    kg.en, kg.status, kg.note = "Kyrgyz Republic", "approved", "reviewed"
    write_tsv(g, out)
    cmd[cmd.index("--top") + 1] = "120"
    proc = subprocess.run(cmd, capture_output=True, text=True)
    report = json.loads(proc.stdout)
    assert report["kept"] == len(g) and report["added"] > 0
    again = next(c for c in read_tsv(out) if c.id == kg.id)
    assert (again.en, again.status, again.note) == ("Kyrgyz Republic", "approved", "reviewed")


def test_cli_glossary_build_mismatched_inputs(models, tmp_path):
    fr = sorted(str(p) for p in SEEDS.glob("*.fr.txt"))
    cmd = [sys.executable, "-m", "termkit", "glossary", "build", "--fr", *fr, "--en", fr[0].replace(".fr.", ".en.x."),
           "-o", str(tmp_path / "g.tsv"), "--models", str(models)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    assert proc.returncode == 2 and "no such file" in proc.stderr and not (tmp_path / "g.tsv").exists()
