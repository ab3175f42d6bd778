"""Glossary formats: TBX v3/v2 and CSV export validated by the real schemas, imports, round trips."""

from __future__ import annotations

import csv

import pytest
from conftest import SCHEMAS, SEED_GLOSSARY, termkit
from lxml import etree
from support.schematron import schematron_errors

from termkit.errors import InputError
from termkit.glossary import FormatOptions, read_glossary, read_tsv, write_glossary
from termkit.glossary.formats import detect_format, import_glossary

DATA = __import__("pathlib").Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def seed():
    return read_tsv(SEED_GLOSSARY)


@pytest.mark.parametrize("fmt", ["tbx", "tbx2", "csv", "tsv"])
def test_round_trip_is_lossless(seed, tmp_path, fmt):
    out = tmp_path / f"g.{fmt}"
    write_glossary(seed, out, fmt)
    back = read_glossary(str(out), fmt)
    assert back.concepts == seed.concepts


def test_tbx3_valid_against_core_rng_and_basic_schematron(seed, tmp_path):
    out = tmp_path / "g.tbx"
    write_glossary(seed, out, "tbx")
    rng = etree.RelaxNG(etree.parse(str(SCHEMAS / "v3" / "core" / "TBXcoreStructV03.rng")))
    doc = etree.parse(str(out))
    assert rng.validate(doc), rng.error_log
    root = doc.getroot()
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    assert schematron_errors(str(SCHEMAS / "v3" / "basic" / "TBX-Basic_DCA.sch"), str(out)) == []
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    # v3 TBX-Basic has no properNoun: names are nouns, and the original part of speech is kept in a note
    kaz = root.find(".//t:conceptEntry[@id='kazakhstan']", ns)
    assert kaz.find(".//t:termNote[@type='partOfSpeech']", ns).text == "noun"
    assert "termkit-pos: properNoun" in [n.text for n in kaz.findall("t:note", ns)]
    statuses = [t.text for t in kaz.findall(".//t:langSec[@{http://www.w3.org/XML/1998/namespace}lang='en']"
                                             "//t:termNote[@type='administrativeStatus']", ns)]
    assert statuses == ["preferredTerm-admn-sts", "deprecatedTerm-admn-sts",
                        "deprecatedTerm-admn-sts"]  # Kazakhstan; Kazakstan, Qazaqstan (the demonym is no variant)


def test_schematron_runner_rejects_a_bad_file():
    sch = str(SCHEMAS / "v3" / "basic" / "TBX-Basic_DCA.sch")
    assert schematron_errors(sch, str(SCHEMAS / "v3" / "basic" / "Example_Astronomy_DCA_VALID.tbx")) == []
    assert schematron_errors(sch, str(SCHEMAS / "v3" / "testfiles" / "basic_bad.tbx"))


def test_tbx2_valid_against_dtd_and_rng_with_locales_and_numeric_ids(seed, tmp_path):
    out = tmp_path / "g.tbx"
    write_glossary(seed, out, "tbx2", FormatOptions.with_locales(["fr-FR", "en-GB"], numeric_ids=True))
    doc = etree.parse(str(out))
    dtd = etree.DTD(str(SCHEMAS / "v2" / "basic" / "TBXBasiccoreStructV02.dtd"))
    assert dtd.validate(doc), dtd.error_log
    rng = etree.RelaxNG(etree.parse(str(SCHEMAS / "v2" / "basic" / "TBXBasicRNGV02.rng")))
    assert rng.validate(doc), rng.error_log
    entries = doc.getroot().findall(".//termEntry")
    assert [e.get("id") for e in entries[:3]] == ["c1", "c2", "c3"]
    langs = {ls.get("{http://www.w3.org/XML/1998/namespace}lang") for ls in doc.getroot().iter("langSet")}
    assert langs == {"fr-FR", "en-GB"}
    assert doc.getroot().find(".//tig/termNote[@type='partOfSpeech']").text == "properNoun"
    # the termkit id survives numeric ids, so the round trip is still lossless
    assert read_glossary(str(out)).concepts == seed.concepts


def test_csv_has_language_columns(seed, tmp_path):
    out = tmp_path / "g.csv"
    write_glossary(seed, out, "csv", FormatOptions.with_locales(["en-US"]))
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(seed)
    kirg = next(r for r in rows if r["fr"] == "Kirghizstan")
    assert kirg["en-US"] == "Kyrgyzstan"
    assert "Kirghizistan" in kirg["fr_variants"].split(" | ")
    assert "Kirghizia" in kirg["en-US_forbidden"].split(" | ")


def test_bad_locale_is_a_usage_error():
    with pytest.raises(Exception, match="not a French or English locale"):
        FormatOptions.with_locales(["de-DE"])


def test_import_iate_style_v3_keeps_french_and_english(tmp_path):
    out = tmp_path / "iate.fr-en.tsv"
    report = import_glossary(str(DATA / "iate-style.v3.tbx"), out)
    g = read_tsv(out).by_id()
    assert report.concepts == 2 and set(g) == {"IATE-1409412", "IATE-884150"}  # the German/English-only entry is skipped
    rare = g["IATE-1409412"]
    assert (rare.fr, rare.en) == ("terres rares", "rare earth elements")
    assert rare.en_variants == ["rare earths"] and rare.en_forbidden == ["rare earth metals"]
    assert rare.fr_variants == ["éléments de terres rares"]
    assert rare.subject == "mining; international trade" and rare.definition.startswith("Groupe de 17")
    assert "EXIM" in g["IATE-884150"].en_variants


def test_import_v2_martif_with_ntig_and_deprecated(tmp_path):
    g = read_glossary(str(DATA / "iate-style.v2.tbx")).by_id()
    assert detect_format(str(DATA / "iate-style.v2.tbx")).name == "tbx2"
    assert g["IATE-1"].fr == "matière première critique" and g["IATE-1"].en == "critical raw material"
    assert (g["IATE-2"].fr, g["IATE-2"].fr_variants, g["IATE-2"].en_forbidden) == ("Kirghizstan", ["Kirghizistan"],
                                                                                   ["Kirghizia"])


def test_import_tmx_as_bilingual_glossary(tmp_path):
    g = read_glossary("tmx/c5-summit-trump-central-asia.tmx")
    assert len(g) > 30 and all(c.status == "candidate" and c.fr and c.en for c in g)
    assert any(c.en.startswith("Donald Trump has his eye on Central Asia") for c in g)


def test_csv_without_ids_gets_unique_ids_and_explicit_duplicates_are_refused(tmp_path):
    src = tmp_path / "plain.csv"
    src.write_text("fr-FR,en-GB\nterres rares,rare earths\nTerres rares,rare earth\n", encoding="utf-8")
    g = read_glossary(str(src))
    assert [(c.id, c.en) for c in g] == [("terres-rares", "rare earths"), ("terres-rares-2", "rare earth")]
    dup = tmp_path / "dup.csv"
    dup.write_text("id,fr,en\nx,a,b\nx,c,d\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"dup.csv:3: duplicate id 'x'"):
        read_glossary(str(dup))


def test_cli_export_import_round_trip_and_errors(tmp_path):
    tbx = tmp_path / "c5.tbx"
    proc = termkit("export", SEED_GLOSSARY, "--to", "tbx2", "--locale", "fr-FR", "-o", tbx)
    assert proc.returncode == 0, proc.stderr
    back = tmp_path / "back.fr-en.tsv"
    proc = termkit("import", tbx, "-o", back, "--json")
    assert proc.returncode == 0, proc.stderr
    assert '"concepts": 85' in proc.stdout
    assert read_tsv(back).concepts == read_tsv(SEED_GLOSSARY).concepts
    bad = termkit("export", SEED_GLOSSARY, "--to", "tbx", "--locale", "xx", "-o", tmp_path / "x.tbx")
    assert bad.returncode == 2 and "not a French or English locale" in bad.stderr and not (tmp_path / "x.tbx").exists()
    wrong_root = termkit("import", DATA / "iate-style.v2.tbx", "--from", "tbx", "-o", tmp_path / "y.tsv")
    assert wrong_root.returncode == 2 and "root element is <martif>" in wrong_root.stderr
    assert len(wrong_root.stderr.strip().splitlines()) == 1 and not (tmp_path / "y.tsv").exists()
