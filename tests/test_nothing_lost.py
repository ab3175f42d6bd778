"""Nothing lost, nothing unbounded: import merges, exit codes, lock files, imports from other
tools, bounded parsing of long lines and long documents, a consistent CLI. Real files, real CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED_GLOSSARY, SEEDS, WMT_SRC, termkit

from termkit.align import align_texts, aligner
from termkit.glossary import read_tsv
from termkit.glossary.formats import import_glossary
from termkit.nlp.parser import PIECE_CHARS
from termkit.textnorm import cut_text

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="fr" creationtool="x" creationtoolversion="1" segtype="phrase" o-tmf="x"
 adminlang="en" datatype="plaintext"/><body>
<tu tuid="t1"><tuv xml:lang="fr"><seg>terres <bpt i="1">&lt;b&gt;</bpt>rares<ept i="1">&lt;/b&gt;</ept> lourdes</seg></tuv>
<tuv xml:lang="en"><seg>heavy <ph>{1}</ph>rare earths</seg></tuv></tu>
<tu tuid="t2"><tuv xml:lang="fr-FR"><seg>Le Kazakhstan possède d'importantes réserves de terres rares et produit environ
la moitié de l'uranium mondial.</seg></tuv><tuv xml:lang="en-GB"><seg>Kazakhstan has large reserves of rare earths
and produces about half of the world's uranium.</seg></tuv></tu>
<tu tuid="t3"><tuv xml:lang="fr"><seg>Kazakhstan</seg></tuv><tuv xml:lang="en"><seg>Republic of Kazakhstan</seg></tuv></tu>
</body></tmx>
"""


def tbx2(entries: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX-Basic" xml:lang="en"><martifHeader>'
            '<fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader><text><body>'
            + entries + "</body></text></martif>\n")


def entry(eid: str, terms: dict[str, str], pos: str = "") -> str:
    note = f'<termNote type="partOfSpeech">{pos}</termNote>' if pos else ""
    return (f'<termEntry id="{eid}">' + "".join(f'<langSet xml:lang="{lang}"><tig><term>{t}</term>{note}</tig></langSet>'
                                              for lang, t in terms.items()) + "</termEntry>")


@pytest.fixture()
def project(tmp_path):
    gdir = tmp_path / "glossaries"
    gdir.mkdir()
    shutil.copy(SEED_GLOSSARY, gdir / SEED_GLOSSARY.name)
    return tmp_path


def no_locks(folder: Path) -> bool:
    return not list(folder.rglob("*.lock"))


def test_import_into_an_existing_glossary_merges_and_keeps_every_byte(project):
    target = project / "glossaries" / SEED_GLOSSARY.name
    before = target.read_bytes()
    tmx = project / "other.tmx"
    tmx.write_text(TMX, encoding="utf-8")
    proc = termkit("import", tmx, "-o", target, "--format", "json", cwd=project)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    after = target.read_bytes()
    assert after.startswith(before), "existing rows must stay byte for byte"
    assert len(read_tsv(target)) == 85 + 1  # terres rares lourdes appended
    assert report["kept"] == 85 and report["added"] == 1 and report["skipped_long"] == 1
    # Kazakhstan is there already with another English: a conflict, reported, not added
    assert [c["fr"] for c in report["conflicts"]] == ["Kazakhstan"]
    assert no_locks(project)
    # the text report says it too
    again = termkit("import", tmx, "-o", target, cwd=project)
    assert again.returncode == 0 and "conflict" in again.stderr and "'Kazakhstan'" in again.stderr
    assert target.read_bytes() == after  # nothing new the second time
    # --replace overwrites, on purpose only
    proc = termkit("import", tmx, "-o", target, "--replace", cwd=project)
    assert proc.returncode == 0 and len(read_tsv(target)) == 2


def test_imported_tmx_is_plain_text_and_sentences_are_not_terms(tmp_path):
    tmx = tmp_path / "t.tmx"
    tmx.write_text(TMX, encoding="utf-8")
    report = import_glossary(str(tmx), tmp_path / "g.tsv")
    g = read_tsv(tmp_path / "g.tsv")
    assert [(c.fr, c.en) for c in g] == [("terres rares lourdes", "heavy rare earths"),
                                         ("Kazakhstan", "Republic of Kazakhstan")]
    assert report.skipped_long == 1


def test_renamed_ids_are_reported(project):
    target = project / "glossaries" / SEED_GLOSSARY.name
    src = project / "ids.tbx"
    src.write_text(tbx2(entry("kazakhstan", {"fr": "Qazaqie", "en": "Qazaqia"})), encoding="utf-8")
    proc = termkit("import", src, "-o", target, "--json", cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["renamed_ids"] == [{"from": "kazakhstan", "to": "kazakhstan-2"}]
    assert read_tsv(target).by_id()["kazakhstan-2"].fr == "Qazaqie"


def test_a_termbase_without_french_is_refused_naming_its_languages(tmp_path):
    src = tmp_path / "no-fr.tbx"
    src.write_text(tbx2(entry("e1", {"de": "Seltene Erden", "es": "tierras raras", "it": "terre rare"})),
                   encoding="utf-8")
    out = tmp_path / "g.tsv"
    proc = termkit("import", src, "-o", out)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()]
    assert "languages in the file: de, es, it" in proc.stderr
    assert not out.exists() and no_locks(tmp_path)
    empty = tmp_path / "empty.tbx"
    empty.write_text(tbx2(""), encoding="utf-8")
    proc = termkit("import", empty, "-o", out)
    assert proc.returncode == 2 and "no FR->EN concept" in proc.stderr and not out.exists()


def test_parts_of_speech_from_other_tools_are_normalised(tmp_path):
    src = tmp_path / "pos.tbx"
    src.write_text(tbx2(entry("a", {"fr": "aimant", "en": "magnet"}, "Noun") + entry("b", {"fr": "rare", "en": "rare"}, "ADJ")
                        + entry("c", {"fr": "extraire", "en": "mine"}, "verbe")
                        + entry("d", {"fr": "Astana", "en": "Astana"}, "nom propre")
                        + entry("e", {"fr": "lithium", "en": "lithium"}, "N")), encoding="utf-8")
    import_glossary(str(src), tmp_path / "g.tsv")
    assert [c.pos for c in read_tsv(tmp_path / "g.tsv")] == ["noun", "adjective", "verb", "properNoun", "noun"]
    csv = tmp_path / "p.csv"
    csv.write_text("fr,en,pos\naimant,magnet,Nom\n", encoding="utf-8")
    import_glossary(str(csv), tmp_path / "c.tsv")
    assert read_tsv(tmp_path / "c.tsv").concepts[0].pos == "noun"


def test_unwritable_output_is_exit_2_naming_the_target(tmp_path):
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    for target in (blocker / "out.csv", Path("/proc/termkit-test/out.csv")):
        proc = termkit("export", SEED_GLOSSARY, "--format", "csv", "-o", target)
        assert proc.returncode == 2, proc.stderr
        line = proc.stderr.strip()
        assert line.startswith(f"termkit: error: cannot write {target}") and ".tmp" not in line
        assert "\n" not in line
    proc = termkit("import", SEED_GLOSSARY, "-o", blocker / "g.tsv")
    assert proc.returncode == 2 and f"cannot write {blocker / 'g.tsv'}" in proc.stderr


def test_nul_byte_in_a_lookup_query_is_a_separator_without_warnings(project):
    proc = termkit("lookup", "--format", "json", input="Kazakh\x00stan\nterres\x00rares\n", cwd=project,
                   env={"TERMKIT_CACHE_DIR": str(project / "cache")})
    assert proc.returncode == 0 and proc.stderr == ""
    answers = [json.loads(line) for line in proc.stdout.splitlines()]
    assert answers[1]["results"][0]["en"] == "rare earths"


def test_builds_and_imports_leave_no_lock_file_even_when_they_fail(project, tmp_path):
    target = project / "glossaries" / SEED_GLOSSARY.name
    bad = project / "bad.tbx"
    bad.write_text("<martif><text><body><termEntry>", encoding="utf-8")
    assert termkit("import", bad, "-o", target, cwd=project).returncode == 2
    assert termkit("import", SEED_GLOSSARY, "-o", project / "new.tsv", cwd=project).returncode == 0
    assert no_locks(project)


def test_lookup_suggests_the_nearest_concepts_through_the_english_side(project):
    env = {"TERMKIT_CACHE_DIR": str(project / "cache")}
    proc = termkit("lookup", "minerais critiques", cwd=project, env=env)
    assert proc.returncode == 1
    assert "not found; nearest concepts" in proc.stdout and "minerais essentiels -> critical minerals" in proc.stdout
    data = json.loads(termkit("lookup", "minerais critiques", "--format", "json", cwd=project, env=env).stdout)
    assert data["results"] == [] and data["suggestions"][0]["en"] == "critical minerals"
    labels = {q: json.loads(termkit("lookup", q, "--format", "json", cwd=project, env=env).stdout)
              ["results"][0]["query_match"]["match"] for q in ("KAZAKHSTAN", "Tadjikistán", "terre rare")}
    assert labels == {"KAZAKHSTAN": "case", "Tadjikistán": "accents", "terre rare": "plural"}
    assert termkit("lookup", "EXIM", "--lang", "en", cwd=project, env=env).returncode == 0


def test_cli_is_consistent(project):
    # export writes to stdout without -o; --format everywhere (--to and --json kept as aliases)
    proc = termkit("export", SEED_GLOSSARY, "--format", "csv")
    assert proc.returncode == 0 and proc.stdout.lstrip("\ufeff").startswith("id,")
    assert termkit("export", SEED_GLOSSARY, "--to", "tbx2").stdout.startswith("<?xml")
    info = termkit("cache", "info", "--format", "json", "--cache-dir", project / "c")
    assert info.returncode == 0 and "entries" in json.loads(info.stdout)
    assert json.loads(termkit("cache", "info", "--json", "--cache-dir", project / "c").stdout)["entries"] == 0
    # --debug after the subcommand too
    # a subprocess: with --debug the error leaves the process, and the traceback is the interpreter's
    proc = subprocess.run([sys.executable, "-m", "termkit", "align", str(project / "missing.fr.txt"),
                           str(project / "missing.en.txt"), "--debug"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode != 0 and "no such option" not in proc.stderr and "Traceback" in proc.stderr
    # help texts: the printf example prints \n, summaries are whole, the import examples exist
    assert "printf 'Tokaïev\\nterres rares\\n'" in termkit("lookup", "--help").stdout
    top = termkit("--help").stdout
    commands = top[top.index("Commands:"):]
    assert "..." not in commands  # every summary whole (not cut by click)
    examples = termkit("import", "--help").stdout
    assert "tmx/c5-summit-trump-central-asia.tmx" in examples and Path("tmx/c5-summit-trump-central-asia.tmx").exists()


def test_long_texts_are_cut_into_bounded_pieces_at_the_best_boundary():
    text = ("Une phrase courte. " * 3000).strip()  # one line, 57,000 characters
    pieces = cut_text(text, PIECE_CHARS)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(b - a <= PIECE_CHARS for a, b in pieces) and len(pieces) == 3
    assert all(text[b - 1] == " " and text[b] == "U" for _a, b in pieces[:-1])  # at sentence ends
    paragraphs = "\n\n".join(["Un paragraphe sans fin " * 400] * 3)
    assert [paragraphs[b - 2:b] for _a, b in cut_text(paragraphs, 20_000)[:-1]] == ["\n\n"]
    nospace = "x" * 45_000
    assert cut_text(nospace, 20_000) == [(0, 20_000), (20_000, 40_000), (40_000, 45_000)]


@pytest.mark.slow
def test_a_single_line_longer_than_a_piece_parses_with_document_offsets(parser):
    from termkit.nlp import Parser
    from termkit.sources import SourceDocument

    text = " ".join((SEEDS / "c5-summit-trump-central-asia.fr.txt").read_text(encoding="utf-8").split()) * 1
    line = " ".join([text] * (PIECE_CHARS // len(text) + 2))  # one line, longer than a piece
    assert "\n" not in line and len(line) > PIECE_CHARS
    uncached = Parser(parser.models, cache_dir=None, backend=parser.backend)  # Stanza runs, whatever is cached
    doc = uncached.parse([SourceDocument("long", line)])[0]
    assert uncached.stanza_calls > 0
    assert [s.id for s in doc.sentences] == list(range(1, len(doc.sentences) + 1))
    assert all(line[s.start:s.end] == s.text for s in doc.sentences)
    assert all(line[t.start:t.end] == t.text for s in doc.sentences for t in s.tokens)
    assert doc.sentences[-1].end > PIECE_CHARS


def test_long_alignment_is_banded_and_the_band_finds_the_same_links(monkeypatch):
    fr = (SEEDS / "c5-summit-trump-central-asia.fr.txt").read_text(encoding="utf-8")
    en = (SEEDS / "c5-summit-trump-central-asia.en.txt").read_text(encoding="utf-8")
    full = align_texts(fr * 3, en * 3)[2]
    monkeypatch.setattr(aligner, "FULL_CELLS", 0)  # force the band on a document of ordinary size
    assert align_texts(fr * 3, en * 3)[2] == full


def test_text_too_long_to_align_is_exit_2_one_line(tmp_path):
    big = tmp_path / "big.fr.txt"
    big.write_text("Une phrase. " * 200_000, encoding="utf-8")
    proc = termkit("align", big, SEEDS / "c5-summit-trump-central-asia.en.txt")
    assert proc.returncode == 2 and "too long to align as one article" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_progress_json_lines(tmp_path, models, parse_cache):
    proc = termkit("parse", WMT_SRC, "--models", models, "--cache-dir", parse_cache, "--progress", "json",
                   "-o", tmp_path / "out.conllu")
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stderr.splitlines()]
    assert lines[-1]["final"] and lines[-1]["documents"] == 88 and lines[-1]["done_chars"] == lines[-1]["total_chars"]
    assert lines[-1]["words"] > 20_000
