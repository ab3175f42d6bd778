"""Any Unicode text in any cell round-trips through every path that writes a glossary (each writes
with the TSV writer and reads back with its reader): `glossary approve`, a web edit and its undo, `glossary merge`, an import
(TSV, CSV) and an export, and the append that `glossary build` and imports do. Hypothesis
generates the text, separators included (tab, line ends, U+2028, NEL, `|`, `\\`, a leading `#`)."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from termkit.glossary import Concept, read_tsv, write_tsv
from termkit.glossary.edit import POS, TYPES, approve, merge_files
from termkit.glossary.formats import import_glossary, write_glossary
from termkit.glossary.formats.tsv import append_tsv
from termkit.glossary.model import STATUSES

pytestmark = pytest.mark.slow
# CI (CI=true, as .ci/run runs) tries 1,000 examples per path; a developer's run, 200.
EXAMPLES = settings(max_examples=1000 if os.environ.get("CI") else 200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
# Any character but lone surrogates (which no UTF-8 file can hold); a cell's outer whitespace is
# not part of its value, so values are generated stripped.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12).map(str.strip)
SEPARATORS = st.sampled_from(["\t", "\n", "\r", "\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "|",
                              " | ", "\\", "\\t", "\\|", "#", "\ufeff"])
MIXED = st.lists(st.one_of(TEXT, SEPARATORS), max_size=4).map(lambda parts: "".join(parts).strip())
VALUE = st.one_of(TEXT, MIXED)
FORM = VALUE.filter(bool)
ITEMS = st.lists(FORM, max_size=3)


@st.composite
def concepts(draw, cid: str | None = None) -> Concept:
    return Concept(
        id=cid or draw(FORM), fr=draw(FORM), en=draw(VALUE), fr_variants=draw(ITEMS), en_variants=draw(ITEMS),
        en_forbidden=draw(ITEMS), type=draw(st.sampled_from(TYPES)), pos=draw(st.sampled_from(POS)),
        subject=draw(VALUE), definition=draw(VALUE), status=draw(st.sampled_from(STATUSES)), note=draw(VALUE),
        evidence=draw(VALUE), contexts=draw(ITEMS), en_contexts=draw(ITEMS),
        confidence=draw(st.none() | st.integers(0, 100).map(lambda n: n / 100)), en_suggestions=draw(ITEMS))


GLOSSARIES = st.lists(concepts(), min_size=1, max_size=4, unique_by=lambda c: c.id)


_TMP = Path(tempfile.mkdtemp(prefix="termkit-roundtrip-", dir="/dev/shm" if Path("/dev/shm").is_dir() else None))


@pytest.fixture(scope="module", autouse=True)
def _cleanup():
    """The examples' folders live in one folder (in memory where the machine has /dev/shm: a
    thousand fsyncs a test), removed at the end."""
    yield
    shutil.rmtree(_TMP, ignore_errors=True)


def tmp() -> Path:
    """A fresh folder for one example."""
    return Path(tempfile.mkdtemp(dir=_TMP))


@EXAMPLES
@given(GLOSSARIES, st.data())
def test_approve(glossary, data):
    path = tmp() / "g.tsv"
    write_tsv(glossary, path)
    before = path.read_bytes().split(b"\n")
    target = data.draw(st.sampled_from(glossary))
    approve(path, [target.id])
    expected = [dataclasses.replace(c, status="approved") if c.id == target.id else c for c in glossary]
    assert read_tsv(path).concepts == expected
    after = path.read_bytes().split(b"\n")
    assert len(after) == len(before) and sum(a != b for a, b in zip(before, after)) <= 1


@EXAMPLES
@given(GLOSSARIES, st.data())
def test_a_web_edit_and_its_undo(glossary, data):
    from termkit.review.server import ReviewStore

    path = tmp() / "g.tsv"
    write_tsv(glossary, path)
    store = ReviewStore(path)
    target = data.draw(st.sampled_from(glossary))
    note, definition = data.draw(VALUE), data.draw(VALUE)
    wire = json.loads(json.dumps({"ops": [{"op": "note", "value": note}, {"op": "definition", "value": definition}]}))
    concept, version = store.apply(target.id, store.version(target.id), wire)
    assert (concept.note, concept.definition) == (note, definition)
    assert read_tsv(path).by_id()[target.id] == dataclasses.replace(target, note=note, definition=definition)
    undo = store.undo_fields(target.id, version)  # what the server answers with, for the page's undo
    store.apply(target.id, version, json.loads(json.dumps({"op": "restore", "fields": undo})))
    assert read_tsv(path).concepts == glossary


@EXAMPLES
@given(GLOSSARIES, GLOSSARIES)
def test_merge(first, second):
    where = tmp()
    write_tsv(first, where / "a.tsv")
    write_tsv(second, where / "b.tsv")
    merge_files(where / "a.tsv", where / "b.tsv", where / "c.tsv")
    merged = read_tsv(where / "c.tsv").concepts
    assert merged[: len(first)] == first
    assert {c.id for c in merged} >= {c.id for c in first}


@EXAMPLES
@given(GLOSSARIES, st.sampled_from(["tsv", "csv"]))
def test_export_then_import(glossary, fmt):
    # a spreadsheet cell holds no NUL: CSV leaves it out, so an id or French term that is NUL
    # and nothing else cannot come back (the other cells are compared without their NULs below)
    assume(fmt == "tsv" or not any("\x00" in c.id or "\x00" in c.fr for c in glossary))
    where = tmp()
    write_glossary(glossary, where / f"g.{fmt}", fmt)
    import_glossary(str(where / f"g.{fmt}"), where / "back.tsv", replace=True)
    back = read_tsv(where / "back.tsv").concepts
    carried = [f.name for f in dataclasses.fields(Concept) if fmt == "tsv" or f.name != "en_contexts"]

    def cells(c: Concept) -> list:
        if fmt == "tsv":
            return [getattr(c, f) for f in carried]
        # a CSV cell holds no NUL (left out), and an item or value that was only NUL goes with it
        return [[x.replace("\x00", "").strip() for x in v if x.replace("\x00", "").strip()] if isinstance(v, list)
                else v.replace("\x00", "").strip() if isinstance(v, str) else v for v in (getattr(c, f) for f in carried)]

    assert [cells(c) for c in back] == [cells(c) for c in glossary]


@EXAMPLES
@given(GLOSSARIES, GLOSSARIES)
def test_the_append_of_build_and_import(existing, new):
    path = tmp() / "g.tsv"
    write_tsv(existing, path)
    before = path.read_bytes()
    new = [c for c in new if c.id not in {e.id for e in existing}]
    append_tsv(new, path)
    assert path.read_bytes().startswith(before)
    assert read_tsv(path).concepts == existing + new
