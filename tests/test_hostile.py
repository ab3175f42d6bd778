"""Hostile and malformed inputs: refused in bounded time and memory, one line, exit 2, nothing written.

Each attack is a real file. Property-based tests (hypothesis) fuzz the readers and the
glossary round trip.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time

import pytest
from conftest import ROOT, SEED_GLOSSARY, termkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termkit.errors import InputError
from termkit.glossary import Concept, Glossary, read_glossary, read_tsv, write_glossary, write_tsv
from termkit.glossary.formats import FORMATS

LAUGHS = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
ATTACKS = {
    "billion-laughs": f'<!DOCTYPE {{root}} [<!ENTITY l0 "lol">{LAUGHS}]>',
    "quadratic-blowup": '<!DOCTYPE {root} [<!ENTITY big "' + "x" * 100_000 + '">]>',
    "xxe-file": '<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    "xxe-parameter-entity": '<!DOCTYPE {root} [<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;]>',
}
BODIES = {
    "tbx": ('<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en"><text><body>'
            '<conceptEntry id="c1"><langSec xml:lang="fr"><termSec><term>{ref}</term></termSec></langSec>'
            '</conceptEntry></body></text></tbx>', "tbx"),
    "tbx2": ('<martif type="TBX-Basic" xml:lang="en"><text><body><termEntry id="c1"><langSet xml:lang="fr"><tig>'
             '<term>{ref}</term></tig></langSet></termEntry></body></text></martif>', "martif"),
    "tmx": ('<tmx version="1.4"><header srclang="fr" creationtool="x" creationtoolversion="1" segtype="sentence" '
            'o-tmf="x" adminlang="en" datatype="plaintext"/><body><tu><tuv xml:lang="fr"><seg>{ref}</seg></tuv>'
            '<tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>', "tmx"),
    "xlf": ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" '
            'source-language="fr" target-language="en" datatype="plaintext"><body><trans-unit id="1">'
            '<source>{ref}</source><target>x</target></trans-unit></body></file></xliff>', "xliff"),
}
REFS = {"billion-laughs": "&l9;", "quadratic-blowup": "&big;" * 1000, "xxe-file": "&xxe;",
        "xxe-parameter-entity": "x"}


def attack_file(tmp_path, attack: str, fmt: str):
    body, root = BODIES[fmt]
    path = tmp_path / f"{attack}.{fmt if fmt != 'tbx2' else 'tbx'}"
    path.write_text('<?xml version="1.0"?>\n' + ATTACKS[attack].replace("{root}", root) + "\n"
                    + body.replace("{ref}", REFS[attack]), encoding="utf-8")
    return path


@pytest.mark.parametrize("attack", list(ATTACKS))
@pytest.mark.parametrize("fmt", ["tbx", "tbx2", "tmx"])
def test_import_refuses_entity_attacks(tmp_path, attack, fmt):
    path = attack_file(tmp_path, attack, fmt)
    out = tmp_path / "out.tsv"
    t0 = time.perf_counter()
    proc = termkit("import", path, "-o", out)
    assert time.perf_counter() - t0 < 20
    assert proc.returncode == 2, proc.stderr
    assert "declares XML entities" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert not out.exists()


@pytest.mark.parametrize("attack", list(ATTACKS))
@pytest.mark.parametrize("fmt", ["xlf", "tmx"])
def test_check_refuses_entity_attacks(tmp_path, attack, fmt):
    proc = termkit("check", attack_file(tmp_path, attack, fmt))
    assert proc.returncode == 2 and "declares XML entities" in proc.stderr, proc.stderr


def test_external_dtd_is_never_fetched(tmp_path):
    # a DOCTYPE pointing at a server that does not answer: the import must not even try
    path = tmp_path / "ext.tbx"
    body, _ = BODIES["tbx2"]
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE martif SYSTEM "http://10.255.255.1/TBXcoreStructV02.dtd">\n'
                    + body.replace("{ref}", "terres rares"), encoding="utf-8")
    t0 = time.perf_counter()
    assert [c.fr for c in read_glossary(str(path))] == ["terres rares"]
    assert time.perf_counter() - t0 < 2


BAD_INPUTS = {
    "truncated.tbx": (b'<?xml version="1.0"?><martif type="TBX-Basic"><text><body><termEntry id="a">', ":1:"),
    "wrong-root.tbx": (b'<?xml version="1.0"?><html><body/></html>', "root element is <html>"),
    "empty.tbx": (b"", "empty"),
    "binary.tsv": (b"\x00\x01\x02\xff\xfe" * 50, "binary"),
    "latin1.tsv": ("id\tfr\ten\tstatus\nx\tdéjà\talready\tapproved\n".encode("latin-1"), "not valid UTF-8"),
    "missing-column.tsv": (b"id\tfr\ten\nx\ta\tb\n", "header lacks column(s) status"),
    "ragged.tsv": (b"id\tfr\ten\tstatus\nx\ta\tb\n", "3 columns where the header has 4"),
    "bad-status.csv": (b"fr,en,status\na,b,maybe\n", "status 'maybe'"),
    "no-english.csv": (b"fr,de\na,b\n", "no fr and en term columns"),
    "unknown.xyz": (b"hello", "unknown glossary file type"),
}


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_malformed_inputs_one_line_exit_2(tmp_path, name):
    data, expected = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    proc = termkit("import", path, "-o", tmp_path / "out.tsv")
    assert proc.returncode == 2, proc.stderr
    line = proc.stderr.strip()
    assert len(line.splitlines()) == 1 and str(path) in line and expected in line, line
    assert "Traceback" not in proc.stderr and not (tmp_path / "out.tsv").exists()


def test_directory_and_debug_traceback(tmp_path):
    # subprocesses: a smoke test of the real `python -m termkit`, whose --debug traceback is the interpreter's
    proc = subprocess.run([sys.executable, "-m", "termkit", "lookup", "x", "--glossary", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2 and "is a directory" in proc.stderr
    debug = subprocess.run([sys.executable, "-m", "termkit", "--debug", "import", str(tmp_path / "nope.tbx"), "-o",
                            str(tmp_path / "o.tsv")], capture_output=True, text=True, cwd=ROOT)
    assert "Traceback" in debug.stderr


def test_interrupted_write_leaves_previous_glossary_intact(tmp_path):
    """A build killed in the middle of writing: the old file is still whole (atomic rename)."""
    target = tmp_path / "g.fr-en.tsv"
    g = read_tsv(SEED_GLOSSARY)
    write_tsv(g, target)
    before = target.read_bytes()
    # a process started in the background by a non-interactive shell inherits SIGINT ignored:
    # restore Python's own handler so that the interrupt happens whoever runs the tests
    code = ("import os, signal, sys\nfrom termkit.glossary import read_tsv, write_tsv\n"
            "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
            "g = read_tsv(sys.argv[1])\n"
            "def slow():\n    for i, c in enumerate(g.concepts * 2000):\n"
            "        if i == 5000: os.kill(os.getpid(), signal.SIGINT)\n        yield c\n"
            "write_tsv(slow(), sys.argv[2])\n")
    # a subprocess: the point is a process interrupted by a signal in the middle of a write
    proc = subprocess.run([sys.executable, "-c", code, str(SEED_GLOSSARY), str(target)], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode != 0 and "KeyboardInterrupt" in proc.stderr
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["g.fr-en.tsv"]  # no temp file left behind


# --- property-based tests ---------------------------------------------------------------

words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=20)
clean = words.map(lambda s: " ".join(s.replace("|", "/").split())).filter(bool)
concepts = st.builds(
    Concept,
    id=st.from_regex(r"[a-z][a-z0-9\-]{0,15}", fullmatch=True),
    fr=clean, en=clean,
    fr_variants=st.lists(clean, max_size=3, unique=True), en_variants=st.lists(clean, max_size=3, unique=True),
    en_forbidden=st.lists(clean, max_size=2, unique=True),
    type=st.sampled_from(["PER", "LOC", "ORG", "MISC", "TERM"]),
    pos=st.sampled_from(["noun", "properNoun", "adjective", "verb", "other"]),
    subject=st.one_of(st.just(""), clean), definition=st.one_of(st.just(""), clean),
    status=st.sampled_from(["candidate", "approved"]), note=st.one_of(st.just(""), clean),
    evidence=st.one_of(st.just(""), clean), contexts=st.lists(clean, max_size=2, unique=True),
)


def normalised(c: Concept) -> Concept:
    """What a glossary can hold: variants distinct from the preferred term, first one kept."""
    c.fr_variants = [v for v in c.fr_variants if v != c.fr]
    c.en_variants = [v for v in c.en_variants if v != c.en and v not in c.en_forbidden]
    return c


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(concepts, min_size=1, max_size=6, unique_by=lambda c: c.id), st.sampled_from(["tbx", "tbx2", "csv", "tsv"]))
def test_round_trip_property(tmp_path, items, fmt):
    items = [normalised(c) for c in items]
    path = tmp_path / f"g.{fmt}"
    write_glossary(Glossary(items), path, fmt)
    assert read_glossary(str(path), fmt).concepts == items


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400), st.sampled_from(sorted(FORMATS)))
def test_readers_raise_only_input_errors(tmp_path, data, fmt):
    path = tmp_path / f"fuzz.{fmt}"
    path.write_bytes(data)
    with contextlib.suppress(InputError):
        list(FORMATS[fmt].read(str(path)))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300), st.sampled_from(["tbx2", "tbx", "tmx"]))
def test_xml_readers_on_mutated_documents(tmp_path, junk, fmt):
    body, _ = BODIES[fmt]
    doc = '<?xml version="1.0"?>' + body.replace("{ref}", "a")
    cut = len(junk) % len(doc)
    path = tmp_path / f"m.{fmt}"
    path.write_text(doc[:cut] + junk + doc[cut:], encoding="utf-8")
    with contextlib.suppress(InputError):
        list(FORMATS[fmt].read(str(path)))


@pytest.mark.slow
def test_concurrent_glossary_builds_lose_no_rows(tmp_path, parser):
    """Two `termkit glossary build` processes on one glossary: the lock serialises them."""
    from termkit.textnorm import fold

    seeds = sorted((ROOT / "seeds").glob("*.fr.txt"))
    cache = str(parser.cache.root)  # the session cache: the seeds are parsed already
    cmd = ["glossary", "build", "--top", "40", "-q", "--cache-dir", cache]
    alone = []
    for k, seed in enumerate(seeds):
        # each glossary in a folder of its own: a build never re-proposes what the glossaries beside it hold
        (tmp_path / f"alone{k}").mkdir()
        out = tmp_path / f"alone{k}" / "g.tsv"
        proc = termkit(*cmd, "--fr", seed, "-o", out, cwd=ROOT)
        assert proc.returncode == 0, proc.stderr
        alone.append(read_tsv(out))
    (tmp_path / "shared").mkdir()
    shared = tmp_path / "shared" / "shared.fr-en.tsv"
    # subprocesses: the point is two processes building at once, serialised by the file lock
    procs = [subprocess.Popen([sys.executable, "-m", "termkit", *cmd, "--fr", str(seed), "-o", str(shared)], cwd=ROOT,
                              stderr=subprocess.PIPE)
             for seed in seeds]
    assert all(p.wait(timeout=300) == 0 for p in procs)
    have = {fold(f) for c in read_tsv(shared) for f in c.fr_forms()}
    want = {fold(c.fr) for g in alone for c in g}
    assert want <= have, sorted(want - have)[:5]
