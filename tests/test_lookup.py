"""termkit lookup: any form, either language, accents/case/typos/prefix/inflection, index refresh, REPL."""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys

import pytest
from conftest import ROOT, SEED_GLOSSARY, termkit

from termkit.glossary import Concept, Glossary, read_tsv, write_glossary, write_tsv
from termkit.lookup import Lookup, default_glossaries
from termkit.lookup.index import index_path


@pytest.fixture(scope="module")
def finder(tmp_path_factory):
    return Lookup([str(SEED_GLOSSARY)], tmp_path_factory.mktemp("lookup-cache"))


@pytest.mark.parametrize("query, concept_id, match", [
    ("Kirghizstan", "kirghizstan", "exact"),
    ("Kirghizistan", "kirghizstan", "exact"),       # French variant
    ("kirghizistan", "kirghizstan", "case"),        # case
    ("KIRGHIZSTAN", "kirghizstan", "case"),
    ("Kirgizistan", "kirghizstan", "typo"),         # typo
    ("Kyrgyzstan", "kirghizstan", "exact"),         # English
    ("terre rare", "terres-rares", "plural"),       # singular of terres rares
    ("Export Import Bank", "export-import-bank", "hyphen"),
    ("rare earth", "terres-rares", "exact"),        # admitted English variant
    ("EXIM", "export-import-bank", "exact"),        # acronym
    ("Export-Imp", "export-import-bank", "prefix"),
    ("ouzbekistan", "ouzbekistan", "accents"),      # Ouzbékistan without accent
    ("minerais esentiels", "minerais-essentiels", "typo"),
])
def test_finds_concept_from_any_form(finder, query, concept_id, match):
    results = finder.find(query)
    assert results, query
    assert results[0].concept.id == concept_id
    assert results[0].hit.match == match


def test_forbidden_form_is_reported_with_the_approved_term(finder):
    top = finder.find("Kirghizia", lang="en")[0]
    assert top.hit.kind == "forbidden" and top.concept.en == "Kyrgyzstan"


def test_language_filter(finder):
    assert finder.find("Kyrgyzstan", lang="en")[0].hit.lang == "en"
    assert all(r.hit.lang == "fr" and r.hit.kind != "forbidden" for r in finder.find("Kirghizia", lang="fr"))
    assert all(r.hit.lang == "en" for r in finder.find("rare earth", lang="en"))


def test_index_refreshes_when_the_glossary_changes(tmp_path):
    gloss = tmp_path / "g.fr-en.tsv"
    shutil.copy(SEED_GLOSSARY, gloss)
    cache = tmp_path / "cache"
    assert Lookup([str(gloss)], cache).find("Pékin")[0].concept.en == "Beijing"
    g = read_tsv(gloss)
    g.concepts[0].en_variants.append("Qazaqstan Republic")
    write_tsv(g, gloss)
    assert Lookup([str(gloss)], cache).find("Qazaqstan Republic")[0].concept.id == g.concepts[0].id


def test_an_index_made_with_the_keys_of_an_earlier_release_is_rebuilt(tmp_path):
    # the keys are fold(): the tenth round made a currency symbol a word of its own ("£4" was
    # "ps4", is "ps 4"), so an index written by the earlier release must not be read as it is
    gloss = tmp_path / "g.fr-en.tsv"
    write_tsv(Glossary([Concept("provision", "provision de 4 500 millions de livres", "£4 500 million provision",
                                status="approved")]), gloss)
    cache = tmp_path / "cache"
    assert Lookup([str(gloss)], cache).find("£4 500 million provision")[0].hit.match == "exact"
    db = sqlite3.connect(index_path(gloss, cache))
    with db:  # what the earlier release wrote: its keys, its signature
        db.execute("UPDATE forms SET key = replace(key, 'ps 4', 'ps4'), stem = replace(stem, 'ps 4', 'ps4')")
        db.execute("UPDATE meta SET v = '1' || substr(v, instr(v, ':')) WHERE k = 'signature'")
    db.close()
    assert Lookup([str(gloss)], cache).find("£4 500 million provision")[0].hit.match == "exact"


def test_tbx_glossary_and_default_glossaries(tmp_path):
    tbx = tmp_path / "c5.tbx"
    write_glossary(read_tsv(SEED_GLOSSARY), tbx, "tbx")
    assert Lookup([str(tbx)], tmp_path / "cache").find("tungstene")[0].concept.en == "tungsten"
    assert default_glossaries(ROOT / "termkit") == [str(SEED_GLOSSARY)]


def test_cli_text_json_exit_codes_and_repl(tmp_path):
    env = {"TERMKIT_CACHE_DIR": str(tmp_path)}
    proc = termkit("lookup", "Kirgizistan", env=env)
    assert proc.returncode == 0 and proc.stdout.startswith("Kirghizstan -> Kyrgyzstan"), proc.stderr
    assert "forbidden: Kirghizia" in proc.stdout
    data = json.loads(termkit("lookup", "terre rare", "--format", "json", env=env).stdout)
    assert data["results"][0]["en"] == "rare earths" and data["results"][0]["query_match"]["match"] == "plural"
    missing = termkit("lookup", "zzzzzz", env=env)
    assert missing.returncode == 1 and "not found" in missing.stdout
    bad = termkit("lookup", "x", "--glossary", tmp_path / "nope.tsv", env=env)
    assert bad.returncode == 2 and "nope.tsv: no such file" in bad.stderr
    repl = termkit("lookup", "--format", "json", input="Tokaïev\n\nterres rares\n", env=env)
    lines = [json.loads(line) for line in repl.stdout.splitlines()]
    assert [x["query"] for x in lines] == ["Tokaïev", "terres rares"]
    assert lines[0]["results"][0]["en"] == "Kassym-Jomart Tokayev"


def test_lookup_path_never_imports_the_nlp_stack(tmp_path):
    import subprocess

    # a subprocess: the point is what a fresh interpreter imports (-X importtime)
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "termkit", "lookup", "Pékin"],
                          capture_output=True, text=True, cwd=ROOT, env={"TERMKIT_CACHE_DIR": str(tmp_path),
                                                                          "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr[-500:]
    imported = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time")}
    assert "termkit.lookup" in imported
    assert not {m for m in imported if m.split(".")[0] in ("stanza", "torch", "wordfreq", "babel", "pysbd")}
