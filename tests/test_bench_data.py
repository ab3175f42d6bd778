"""The benchmarks' gold data stay true to the documents they were read from."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, SHARED, WMT_REF, WMT_SRC

from termkit.check import read_inputs
from termkit.textnorm import fold


def _load_split():
    """bench/split.py, the one place the fixed split is written (bench/ is not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_split", ROOT / "bench" / "split.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


half_of = _load_split().half_of

BENCH_DATA = Path(__file__).resolve().parent.parent / "bench" / "data"


def _rows(name: str) -> list[list[str]]:
    lines = [ln for ln in (BENCH_DATA / name).read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return [ln.split("\t") for ln in lines[1:]]


@pytest.fixture(scope="module")
def docs():
    """The WMT14 dev documents the gold was read from, by id."""
    return {d.id: d for d in read_inputs([str(WMT_SRC), str(WMT_REF)])}


def test_the_equivalents_gold_matches_its_documents_and_their_split(docs):
    half = half_of(docs)
    rows = _rows("equiv_gold.tsv")
    assert len(rows) >= 1000
    for row in rows:
        assert len(row) == 5, row
        doc, part, fr, en, kind = row
        assert part == half[doc], f"{doc} is a {half[doc]} document, the gold says {part}"
        assert kind in ("name", "term") and en.strip(), row
        assert fold(fr) in fold(docs[doc].fr_text), f"{fr!r} is not written in {doc}"
    # every French-origin document of both halves is read, and no other
    french = set(re.findall(r'<doc docid="([^"]+)"[^>]*origlang="fr"', WMT_SRC.read_text(encoding="utf-8")))
    assert len(french) == 57
    assert {r[0] for r in rows} == french


def test_each_listed_reference_error_is_a_gold_row_and_is_in_the_reference(docs):
    gold = {(r[0], r[2]): r[3].split("|") for r in _rows("equiv_gold.tsv")}
    errors = _rows("equiv_reference_errors.tsv")
    assert errors
    for doc, fr, reference_en, why in errors:
        assert (doc, fr) in gold, f"{doc}: {fr} is not a gold row"
        assert why.strip()
        english = fold(" ".join(s.tgt for s in docs[doc].segments))
        assert any(fold(a) in english for a in reference_en.split("|")), f"{doc}: {reference_en!r} is not in its reference"
        assert not set(reference_en.split("|")) & set(gold[(doc, fr)]), "the gold corrects the reference"


@pytest.mark.slow
def test_the_acter_corp_equivalents_gold_matches_the_french_and_its_translation():
    """Every French form is written in its French document; unless the row says it corrects
    the translation, one of its English alternatives is written in the English one."""
    texts = SHARED / "data" / "acter"
    rows = _rows("acter_corp_equiv_gold.tsv")
    assert len(rows) >= 250
    corrected = 0
    for row in rows:
        assert len(row) == 5, row
        doc, fr, en, kind, note = row
        assert kind in ("name", "term") and en.strip(), row
        french = fold((texts / "fr" / "corp" / "annotated" / "texts" / f"{doc.replace('_', '_fr_')}.txt").read_text(encoding="utf-8"))
        english = fold((texts / "en" / "corp" / "annotated" / "texts" / f"{doc.replace('_', '_en_')}.txt").read_text(encoding="utf-8"))
        assert fold(fr) in french, f"{fr!r} is not written in {doc}"
        written = any(re.search(r"(?<!\w)" + re.escape(fold(a).rstrip("s")), english) for a in en.split("|"))
        if note:
            corrected += 1
            assert not written, f"{doc}: {fr!r} says it corrects the translation, which has {en!r}"
        else:
            assert written, f"{doc}: none of {en!r} is in the English of {doc}"
    assert corrected <= len(rows) // 50


def test_the_news_gold_covers_the_88_documents_by_the_fixed_split(docs):
    half = half_of(docs)
    rows = _rows("news_gold.tsv")
    assert {r[0] for r in rows} == set(docs) and len(docs) == 88
    for row in rows:
        assert len(row) == 7, row
        doc, part, fr, en, kind, ctype, source = row
        assert part == half[doc], f"{doc} is a {half[doc]} document, the gold says {part}"
        assert kind in ("name", "term") and en.strip() and source in ("annotated", "equiv_gold"), row
        assert (ctype == "TERM") == (kind == "term") and ctype in ("PER", "ORG", "LOC", "MISC", "TERM"), row
        text = " ".join(fold(docs[doc].fr_text).split())
        assert " ".join(fold(fr).split()) in text, f"{fr!r} is not written in {doc}"

