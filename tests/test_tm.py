"""Translation memory: tmx/ for the seeds, TMX 1.4b valid against the DTD, WMT segment pairing."""

from __future__ import annotations

from conftest import ROOT, SCHEMAS, SEEDS, WMT_REF, WMT_SRC, termkit
from lxml import etree

from termkit.align.memory import build_tm, pair_files
from termkit.sources import read_documents
from termkit.tm import tmx_bytes

DTD = etree.DTD(str(SCHEMAS / "tmx" / "tmx14.dtd"))
SEED = "c5-summit-trump-central-asia"


def test_tm_build_seeds_matches_committed_tmx(tmp_path):
    out = tmp_path / "c5.tmx"
    proc = termkit("tm", "build", SEEDS / f"{SEED}.fr.txt", SEEDS / f"{SEED}.en.txt", "-o", out)
    assert proc.returncode == 0, proc.stderr
    doc = etree.parse(str(out))
    assert DTD.validate(doc), DTD.error_log
    header = doc.getroot().find("header")
    assert (header.get("creationtool"), header.get("srclang")) == ("termkit", "fr")
    tus = doc.getroot().findall(".//tu")
    assert len(tus) > 30
    assert all(tu.find("prop[@type='x-document']").text == SEED for tu in tus)
    assert tus[0].find("note").text == f"{SEED} fr sentence 1, en sentence 1"
    # tmx/ holds what the command builds (rebuild it with the command in tmx/README.md)
    assert out.read_bytes() == (ROOT / "tmx" / f"{SEED}.tmx").read_bytes()


def test_wmt_sgml_pairs_by_segment_id():
    pairs = pair_files([str(WMT_SRC), str(WMT_REF)])
    assert len(pairs) == len(read_documents(str(WMT_SRC)))
    units = build_tm(pairs[:3])
    fr0, en0 = pairs[0]
    assert units[0].src == fr0.text[fr0.segments[0].start:fr0.segments[0].end]
    assert units[0].tgt == en0.text[en0.segments[0].start:en0.segments[0].end]
    assert units[0].note == f"{fr0.id} segment {fr0.segments[0].id}"
    assert DTD.validate(etree.fromstring(tmx_bytes(units)).getroottree())


def test_odd_number_of_files_is_a_usage_error(tmp_path):
    proc = termkit("tm", "build", SEEDS / f"{SEED}.fr.txt", "-o", tmp_path / "x.tmx")
    assert proc.returncode == 2 and "SRC TGT" in proc.stderr and not (tmp_path / "x.tmx").exists()
