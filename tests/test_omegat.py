"""A real CAT tool: OmegaT reads termkit's TBX v2 and pretranslates from termkit's TMX."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SEED_GLOSSARY, SEEDS, omegat_jar, termkit

from termkit.align import split_sentences
from termkit.glossary import read_tsv, write_glossary

pytestmark = pytest.mark.omegat

READER = Path(__file__).parent / "support" / "OmegatTbxRead.java"
SEED = "c5-summit-trump-central-asia"
PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat><project version="1.0">
  <source_dir>__DEFAULT__</source_dir><target_dir>__DEFAULT__</target_dir><tm_dir>__DEFAULT__</tm_dir>
  <glossary_dir>__DEFAULT__</glossary_dir><glossary_file>__DEFAULT__</glossary_file>
  <dictionary_dir>__DEFAULT__</dictionary_dir>
  <source_lang>fr</source_lang><target_lang>en</target_lang>
  <source_tok>org.omegat.tokenizer.LuceneFrenchTokenizer</source_tok>
  <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
  <sentence_seg>true</sentence_seg><support_default_translations>true</support_default_translations>
  <remove_tags>false</remove_tags>
</project></omegat>
"""


def omegat_glossary(tbx: Path, src: str, tgt: str) -> set[tuple[str, str]]:
    jar = omegat_jar()
    # a subprocess: OmegaT is an external (Java) program
    proc = subprocess.run(["java", "-Djava.awt.headless=true", "-cp", str(jar), str(READER), str(tbx), src, tgt],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return {tuple(line.split("\t")[:2]) for line in proc.stdout.splitlines()}


def test_omegat_reads_every_pair_of_the_seed_glossary(tmp_path):
    glossary = read_tsv(SEED_GLOSSARY)
    expected = {(c.fr, c.en) for c in glossary if c.en}
    for locales in (["fr", "en"], ["fr-FR", "en-US"]):
        from termkit.glossary import FormatOptions

        tbx = tmp_path / f"{locales[0]}.tbx"
        write_glossary(glossary, tbx, "tbx2", FormatOptions.with_locales(locales))
        pairs = omegat_glossary(tbx, "fr", "en")
        assert expected <= pairs, sorted(expected - pairs)[:5]


def test_omegat_does_not_offer_forbidden_forms_as_translations(tmp_path):
    glossary = read_tsv(SEED_GLOSSARY)
    forbidden = {(c.fr, f) for c in glossary for f in c.en_forbidden}
    assert ("Kazakhstan", "Kazakstan") in forbidden
    tbx = tmp_path / "omegat.tbx"
    proc = termkit("export", SEED_GLOSSARY, "--format", "tbx2", "-o", tbx)  # --cat-tool omegat is the default
    assert proc.returncode == 0, proc.stderr
    jar = omegat_jar()
    # a subprocess: OmegaT is an external (Java) program
    out = subprocess.run(["java", "-Djava.awt.headless=true", "-cp", str(jar), str(READER), str(tbx), "fr", "en"],
                         capture_output=True, text=True, timeout=120).stdout
    rows = [line.split("\t") for line in out.splitlines()]
    offered = {(r[0], r[1]) for r in rows}
    assert not (forbidden & offered), sorted(forbidden & offered)[:5]
    kaz = next(r for r in rows if r[:2] == ["Kazakhstan", "Kazakhstan"])
    assert "forbidden English (do not use): Kazakstan | Qazaqstan" in kaz[2]
    assert "Kazakh" not in {r[1] for r in rows if r[0] == "Kazakhstan"}  # a demonym is not a translation of the country
    # MultiTerm and memoQ honour deprecatedTerm-admn-sts: there forbidden forms stay terms with that status
    proc = termkit("export", SEED_GLOSSARY, "--format", "tbx2", "--cat-tool", "memoq", "-o", tmp_path / "mq.tbx")
    assert proc.returncode == 0 and "deprecatedTerm-admn-sts" in (tmp_path / "mq.tbx").read_text(encoding="utf-8")


@pytest.mark.parametrize("seed", ["c5-summit-trump-central-asia", "critical-minerals-washington-central-asia"])
def test_omegat_console_pretranslates_every_sentence_from_termkit_tmx(tmp_path, seed):
    jar = omegat_jar()
    project = tmp_path / "project"
    for sub in ("source", "omegat", "tm/auto", "target", "glossary", "dictionary"):
        (project / sub).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT, encoding="utf-8")
    shutil.copy(SEEDS / f"{seed}.fr.txt", project / "source")
    shutil.copy(ROOT / "tmx" / f"{seed}.tmx", project / "tm" / "auto")
    # a subprocess: OmegaT is an external (Java) program
    proc = subprocess.run(["java", "-Djava.awt.headless=true", "-jar", str(jar), str(project),
                           "--mode=console-translate", f"--config-dir={tmp_path / 'config'}"],
                          capture_output=True, text=True, timeout=300)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-2000:]
    assert "Reading of TMX file complete" in log and "Translated document created" in log, log[-2000:]
    target = (project / "target" / f"{seed}.fr.txt").read_text(encoding="utf-8")
    # counted per French sentence: one still in the output was not pretranslated (headings included)
    sentences = [u.text for u in split_sentences((SEEDS / f"{seed}.fr.txt").read_text(encoding="utf-8"), "fr")]
    untranslated = [s for s in sentences if s in target]
    assert 1 - len(untranslated) / len(sentences) >= 0.95, untranslated[:5]
    if seed.startswith("c5"):
        assert "Donald Trump has his eye on Central Asia and is making it known." in target
