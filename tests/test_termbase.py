"""Reference termbases as evidence in `glossary build --reference`, and the project's other
glossaries reported as known with their English."""

from __future__ import annotations

from click.testing import CliRunner

from termkit.cli import cli
from termkit.glossary import Concept, write_tsv
from termkit.glossary.build import BuildOptions, build_glossary


def _doc(seed_docs, prefix: str):
    return next(d for d in seed_docs if d.id.startswith(prefix))


def test_a_candidate_found_in_a_reference_takes_its_english_and_forbidden_forms(seed_docs, tmp_path):
    ref = tmp_path / "client.tsv"
    write_tsv([Concept("k1", "Kazakhstan", "Republic of Kazakhstan", en_forbidden=["Kazakstan"], status="approved"),
               Concept("k2", "Maison Blanche", "the White House", status="rejected")], ref)  # rejected: no reference
    glossary, report = build_glossary([_doc(seed_docs, "c5-summit")], None, None, BuildOptions(references=[str(ref)]))
    kz = next(c for c in glossary if c.fr == "Kazakhstan")
    assert (kz.en, kz.en_forbidden, kz.confidence) == ("Republic of Kazakhstan", ["Kazakstan"], 0.99)
    assert kz.evidence == f"termbase: {ref}#k1"
    assert next(c for c in glossary if c.fr == "Maison Blanche").en == "White House"
    assert report.from_references >= 1


def test_two_english_forms_for_one_french_term_are_a_conflict_not_a_choice(seed_docs, tmp_path):
    a, b = tmp_path / "a.tsv", tmp_path / "b.csv"
    write_tsv([Concept("k1", "Kazakhstan", "Kazakhstan", status="approved")], a)
    b.write_text("id,fr,en\nx,Kazakhstan,Republic of Kazakhstan\n", encoding="utf-8")
    glossary, report = build_glossary([_doc(seed_docs, "c5-summit")], None, None,
                                      BuildOptions(references=[str(a), str(b)]))
    kz = next(c for c in glossary if c.fr == "Kazakhstan")
    assert kz.en == "" and len(kz.en_suggestions) == 2
    assert report.reference_conflicts[0]["english"] == ["Kazakhstan", "Republic of Kazakhstan"]


def test_a_concept_of_another_glossary_is_reported_known_with_its_english(seed_docs, tmp_path):
    other = tmp_path / "other.fr-en.tsv"
    write_tsv([Concept("kz", "Kazakhstan", "Kazakhstan", status="approved")], other)
    glossary, report = build_glossary([_doc(seed_docs, "c5-summit")], None, None,
                                      BuildOptions(other_glossaries=[str(other)]))
    assert not any(c.fr == "Kazakhstan" for c in glossary)
    assert {"fr": "Kazakhstan", "en": "Kazakhstan", "status": "approved", "source": f"{other}#kz"} in \
        report.known_elsewhere


def test_a_reference_without_french_is_exit_2_naming_its_languages_and_nothing_is_written(tmp_path):
    tbx = tmp_path / "de-it.tbx"
    tbx.write_text('<?xml version="1.0"?><tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" '
                   'xml:lang="en"><tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader><text>'
                   '<body><conceptEntry id="c1"><langSec xml:lang="de"><termSec><term>Haus</term></termSec></langSec>'
                   '<langSec xml:lang="it"><termSec><term>casa</term></termSec></langSec></conceptEntry></body></text>'
                   '</tbx>', encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "build", "--fr", "seeds/c5-summit-trump-central-asia.fr.txt",
                                      "-o", str(tmp_path / "out.tsv"), "--reference", str(tbx)])
    assert result.exit_code == 2 and "de, it" in result.stderr
    assert not (tmp_path / "out.tsv").exists()
