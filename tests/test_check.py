"""termkit check: the seeds are clean; planted errors are found; numbers; formats; exit codes."""

from __future__ import annotations

import json

import pytest
from conftest import SEED_GLOSSARY, SEEDS, WMT_REF, WMT_SRC, termkit
from lxml import etree

from termkit.check import read_inputs, run_checks
from termkit.check.model import Segment
from termkit.check.numbers import check_numbers
from termkit.glossary import Concept, read_tsv

SEED = "c5-summit-trump-central-asia"
FR, EN = SEEDS / f"{SEED}.fr.txt", SEEDS / f"{SEED}.en.txt"


@pytest.fixture(scope="module")
def concepts():
    return read_tsv(SEED_GLOSSARY).concepts


def test_seed_translations_are_clean(parser, concepts):
    docs = read_inputs([str(FR), str(EN), str(SEEDS / "critical-minerals-washington-central-asia.fr.txt"),
                        str(SEEDS / "critical-minerals-washington-central-asia.en.txt")])
    report = run_checks(docs, concepts, parser)
    assert report.failing("warning") == [], [f.message for f in report.failing("warning")]
    assert report.segments > 60


def planted(tmp_path, old: str, new: str) -> str:
    text = EN.read_text(encoding="utf-8")
    assert old in text
    out = tmp_path / f"{SEED}.en.txt"
    out.write_text(text.replace(old, new, 1), encoding="utf-8")
    return str(out)


@pytest.mark.parametrize("old, new, check", [
    ("Kyrgyzstan", "Kirghizia", "forbidden"),                    # forbidden form
    ("Tokayev", "Tokayef", "name"),                              # misspelled name
    ("rare earths", "rare soils", "forbidden"),                  # forbidden term
    ("Kazakhstan, Uzbekistan", "Kazakhstan, Ouzbekistan", "forbidden"),
])
def test_planted_errors_are_found(parser, concepts, tmp_path, old, new, check):
    docs = read_inputs([str(FR), planted(tmp_path, old, new)])
    report = run_checks(docs, concepts, parser)
    hits = [f for f in report.findings if f.check == check]
    assert hits, [f.message for f in report.findings]
    assert any(new.split(", ")[-1] in f.target_span for f in hits)


def test_missing_term_inflected_source_counts(parser, concepts, tmp_path):
    # "terres rares" in the French; the English says "rare metals": the approved term is missing
    docs = read_inputs([str(FR), planted(tmp_path, "rare earths", "rare metals")])
    report = run_checks(docs, concepts, parser)
    assert any(f.check == "terminology" and f.suggestion == "rare earths" for f in report.findings)


@pytest.mark.parametrize("fr, en, ok", [
    ("3,07 milliards de dollars", "$3.07 billion", True),
    ("410 000 tonnes", "410,000 tonnes", True),
    ("30,3 milliards d'euros", "€30.3 billion", True),
    ("70 %", "70%", True),
    ("le 6 novembre", "on November 6", True),
    ("le 1er novembre à 21h30", "on Nov. 1 at 9.30pm", True),
    ("cinq pays, 1.500 personnes", "five countries, 1,500 people", True),
    ("3,07 milliards de dollars", "$3.7 billion", False),
    ("410 000 tonnes", "41,000 tonnes", False),
    ("70 %", "17%", False),
    ("le 6 novembre", "on November 9", False),
    ("un plan de 325 M$ dont 31 M$", "a $325m plan including $31 million", True),
    ("à 14 201,57 points", "to 14,201.57 points", True),
    ("4,5 milliards de livres", "£4 500 million", True),
    ("5,3 billions de dollars", "$5.3tn", True),
    ("plus de 60 spectacles et 1 million", "more than sixty shows and one million", True),
    ("8,5 tonnes", "eight-and-a-half tons", True),
    ("12 ans et demi", "12.5 years", True),
    ("dans les années 80", "in the 1980s", True),
    ("les 6 et 7 septembre", "on September 6 and 7", True),
    ("coincé à 15 m du sol", "stuck 50ft up", True),                   # converted: 49.2 ft
    ("148 kg de cocaïne", "327 pounds of cocaine", True),
    ("63 milliards de mètres cubes", "2.2 trillion cubic feet", True),
    ("coincé à 15 m du sol", "stuck 80ft up", False),
    ("un plan de 325 M$", "a $352m plan", False),
    ("les 6 et 7 septembre", "on September 6 and 8", False),
])
def test_numbers_french_to_english(fr, en, ok):
    findings = [f for f in check_numbers(Segment("d", "1", fr, en)) if f.check == "number"]
    assert (findings == []) is ok, [f.message for f in findings]


def run_pair(parser, tmp_path, fr: str, en: str, concepts: list):
    (tmp_path / "a.fr.txt").write_text(fr + "\n", encoding="utf-8")
    (tmp_path / "a.en.txt").write_text(en + "\n", encoding="utf-8")
    docs = read_inputs([str(tmp_path / "a.fr.txt"), str(tmp_path / "a.en.txt")])
    return [f for f in run_checks(docs, concepts, parser).findings if f.check in ("terminology", "name")]


NAMES = [
    Concept("obama", "Barack Obama", "Barack Obama", en_variants=["Obama"], type="PER", status="approved"),
    Concept("villiers", "Gérard de Villiers", "Gérard de Villiers", type="PER", status="approved"),
    Concept("us", "États-Unis", "United States", type="LOC", status="approved"),
    Concept("france", "France", "France", type="LOC", status="approved"),
    Concept("nhtsa", "NHTSA", "NHTSA", type="ORG", status="approved"),
    Concept("voyage", "Voyage", "Voyage", fr_variants=["voyages"], type="MISC", status="approved"),
    Concept("carolines", "Carolines", "Carolines", type="ORG", status="approved"),
    Concept("grc", "Gendarmerie royale du Canada", "GRC", fr_variants=["GRC"], type="ORG", status="approved"),
    Concept("psg", "Paris Saint-Germain", "Paris Saint-Germain", fr_variants=["PSG"], type="ORG", status="approved"),
    Concept("nations", "Nations", "Nations", type="ORG", status="approved"),
    Concept("onu", "ONU", "UN", type="ORG", status="approved"),
]


@pytest.mark.parametrize("fr, en, flagged", [
    ("Barack Obama est arrivé hier à Paris.", "Obama arrived in Paris yesterday.", False),
    ("Barack Obama est arrivé hier à Paris.", "Braack Obama arrived in Paris yesterday.", True),
    ("Gérard de Villiers a écrit ce livre.", "De Villiers wrote this book.", False),
    ("Il vit aux États-Unis depuis dix ans.", "He has lived in the U.S. for ten years.", False),
    ("Il vit aux États-Unis depuis dix ans.", "He has lived in Canada for ten years.", True),
    ("Ils ont dîné à l'ambassade de France.", "They had dinner at the French Embassy.", False),
    ("Selon le site de la NHTSA, le risque augmente.",
     "According to the National Highway Traffic Safety Administration website, the risk rises.", False),
    ("Il a payé son voyage jusqu'au Cameroun.", "He paid his own way to Cameroon.", False),
    ("Le Sud de la Caroline a refusé.", "The south of Carolina refused.", False),
    # an acronym written out in English word order, or kept as the English initials
    ("Selon la GRC, il a 37 ans.", "According to the Royal Gendarmerie of Canada, he is 37.", False),
    ("Selon la GRC, il a 37 ans.", "According to the police, he is 37.", True),
    ("Le bus ira au stade du PSG.", "The bus will go to the PSG stadium.", False),
    # a two-letter English acronym written out as a whole name, in order
    ("L'OIAC travaille avec l'ONU.", "The OPCW works with the United Nations.", False),
    ("L'OIAC travaille avec l'ONU.", "The OPCW works with NATO.", True),
    ("L'OIAC travaille avec l'ONU.", "The OPCW works with the New United Nations Fund.", True),
    # a one-word name just before another capitalised word is part of a longer name
    ("Le Sommet des Nations Unies a commencé.", "The UN summit began.", False),
])
def test_names_short_forms_and_false_friends(parser, tmp_path, fr, en, flagged):
    found = run_pair(parser, tmp_path, fr, en, NAMES)
    assert bool(found) is flagged, [f.message for f in found]


def test_french_number_conventions_in_english_are_reported():
    found = check_numbers(Segment("d", "1", "410 000 tonnes, 3,07 milliards, 70 %", "410 000 tonnes, 3,07 billion, 70 %"))
    assert sorted(f.target_span for f in found if f.check == "number-format") == ["3,07", "410 000", "70 %"]


def test_cli_formats_and_exit_codes(tmp_path, parse_cache):
    bad = planted(tmp_path, "Kyrgyzstan", "Kirghizia")
    env = {"TERMKIT_CACHE_DIR": str(parse_cache)}
    clean = termkit("check", FR, EN, env=env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    proc = termkit("check", FR, bad, "--format", "json", env=env)
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert any(f["check"] == "forbidden" and f["suggestion"] == "Kyrgyzstan" for f in data["findings"])
    sarif_path = tmp_path / "r.sarif"
    assert termkit("check", FR, bad, "--format", "sarif", "-o", sarif_path, env=env).returncode == 1
    sarif = json.loads(sarif_path.read_text())
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "forbidden")
    assert result["level"] == "error" and result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
    junit = termkit("check", FR, bad, "--format", "junit", env=env)
    suites = etree.fromstring(junit.stdout.encode())
    assert suites.tag == "testsuites" and suites.find(".//failure[@type='forbidden']") is not None
    assert termkit("check", FR, EN, "--fail-on", "info", env=env).returncode == 1  # info-level consistency notes
    usage = termkit("check", FR)
    assert usage.returncode == 2 and "SRC TGT" in usage.stderr


def test_wmt_sgml_with_reference_scores(tmp_path, parse_cache):
    proc = termkit("check", WMT_SRC, WMT_REF, "--reference", WMT_REF, "--format", "json", "--fail-on", "error",
                   env={"TERMKIT_CACHE_DIR": str(parse_cache)})
    data = json.loads(proc.stdout)
    scores = {s["name"]: s for s in data["scores"]}
    assert scores["BLEU"]["score"] == 100.0 and scores["BLEU"]["signature"].startswith("nrefs:1")
    assert set(scores) == {"BLEU", "chrF2", "TER"} and scores["TER"]["score"] == 0.0
    assert data["segments"] == 1554
