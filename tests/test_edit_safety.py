"""Nothing lost, round 2: each finding of the probe, reproduced through the real CLI (in-process,
click's CliRunner) or the real review app (Starlette's TestClient), and what must hold instead."""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from termkit.cli import cli
from termkit.fsutil import locked
from termkit.glossary import Concept, read_tsv, write_tsv
from termkit.glossary.formats.tsv import TsvDocument

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "glossaries" / "c5-critical-minerals.fr-en.tsv"


def run(*args, input: str | bytes | None = None):
    """The CLI in-process: exit code, stdout, stderr."""
    result = CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def seed(tmp_path) -> Path:
    path = tmp_path / "g.fr-en.tsv"
    shutil.copy(SEED, path)
    return path


@pytest.fixture()
def client(seed):
    from starlette.testclient import TestClient

    from termkit.review.server import make_app

    app = make_app(seed, {"127.0.0.1", "localhost", "testserver"}, token="t")
    with TestClient(app) as c:
        c.headers["X-CSRF-Token"] = "t"
        yield c


def version(path: Path, cid: str) -> str:
    from termkit.glossary.edit import row_version

    doc = TsvDocument.read(path)
    return row_version(doc.lines[doc.ids[cid]])


def post(client, path, cid, **action):
    return client.post(f"/api/concept/{cid}", json={"version": version(path, cid), **action})


# 1. symlinks and devices ---------------------------------------------------------------------------

def test_an_edit_through_a_symlink_changes_its_target_and_keeps_the_link(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "real.tsv"
    shutil.copy(SEED, real)
    link = tmp_path / "link.tsv"
    link.symlink_to(real)
    assert run("glossary", "approve", link, "terres-rares")[0] == 0
    assert link.is_symlink()
    assert read_tsv(real).by_id()["terres-rares"].status == "approved"
    assert not (tmp_path / "link.tsv.lock").exists() and not (shared / "real.tsv.lock").exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can replace /dev/null")
def test_a_device_is_never_replaced_by_a_file(seed):
    code, _, err = run("export", seed, "--to", "csv", "-o", "/dev/null")
    assert code == 2 and "/dev/null" in err and "character device" in err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("argv", [["import", "{fifo}.tbx", "-o", "{tmp}/x.tsv"], ["export", "{fifo}.tsv", "--to", "csv"],
                                  ["lookup", "x", "-g", "{fifo}.tsv"], ["glossary", "stats", "{fifo}.tsv"],
                                  ["export", "{seed}", "--to", "csv", "-o", "{fifo}.csv"]])
def test_fifos_are_refused_not_waited_on(tmp_path, seed, argv):
    fifo = tmp_path / "fifo"
    for ext in (".tbx", ".tsv", ".csv"):
        os.mkfifo(f"{fifo}{ext}")
    args = [a.format(fifo=fifo, tmp=tmp_path, seed=seed) for a in argv]
    proc = subprocess.run([sys.executable, "-m", "termkit", *args], capture_output=True, text=True, timeout=60,
                          cwd=tmp_path)  # a subprocess: the old code hung here (in-process it would hang the suite)
    assert proc.returncode == 2, proc.stderr
    assert "FIFO" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("name", ["z.tbx", "z.tsv", "z.csv"])
def test_a_symlink_to_dev_zero_is_refused(tmp_path, name):
    (tmp_path / name).symlink_to("/dev/zero")
    proc = subprocess.run([sys.executable, "-m", "termkit", "import", str(tmp_path / name), "-o", str(tmp_path / "x.tsv")],
                          capture_output=True, text=True, timeout=60)  # a subprocess: the old code read on forever (in-process: the suite)
    assert proc.returncode == 2 and "character device" in proc.stderr
    assert not (tmp_path / "x.tsv").exists()


# 2. a refused change never reaches the disk -------------------------------------------------------

def test_a_refused_web_change_is_not_saved_by_the_next_one(client, seed):
    assert post(client, seed, "terres-rares", op="add_variant", value="rare | earth").status_code == 400
    assert post(client, seed, "terres-rares", op="forbid", value="a\nb").status_code == 400
    assert post(client, seed, "terres-rares", op="status", value="approved").status_code == 200
    c = read_tsv(seed).by_id()["terres-rares"]
    assert c.status == "approved"
    assert "rare" not in c.en_variants and "earth" not in c.en_variants and "a b" not in c.en_forbidden


def test_the_cli_refuses_what_the_page_refuses(seed):
    before = seed.read_bytes()
    code, _, err = run("glossary", "set", seed, "terres-rares", "--add-variant", "x | y")
    assert code == 2 and "' | '" in err
    assert seed.read_bytes() == before


# 3. any text in any cell --------------------------------------------------------------------------

@pytest.mark.parametrize("char", ["\u0085", "\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\t", "\n", "\\", "|", "\r"])
def test_a_cell_with_a_separator_survives_every_edit(tmp_path, char):
    path = tmp_path / "g.tsv"
    write_tsv([Concept("a", f"un{char}x", "one", note=f"note{char}here", en_variants=[f"v{char}w", "z"]),
               Concept("b", "deux", "two")], path)
    assert run("glossary", "approve", path, "a")[0] == 0
    assert run("glossary", "approve", path, "b")[0] == 0
    a, b = read_tsv(path).concepts
    assert (a.fr, a.note, a.status, b.status) == (f"un{char}x", f"note{char}here", "approved", "approved")
    assert a.en_variants == [f"v{char}w", "z"]
    assert run("glossary", "stats", path)[0] == 0


def test_a_cp1252_file_converted_as_the_error_says_keeps_working(tmp_path):
    raw = tmp_path / "g.tsv"
    raw.write_bytes("id\tfr\ten\tstatus\nx\tpoints de suspension\u2026\tellipsis\tcandidate\n".encode("cp1252"))
    code, _, err = run("glossary", "stats", raw)
    assert code == 2 and "iconv" in err
    fixed = tmp_path / "fixed.tsv"
    fixed.write_text(raw.read_bytes().decode("cp1252") + "y\tligne\u2028s\u00e9par\u00e9e\tline\tcandidate\n",
                     encoding="utf-8")
    assert run("glossary", "approve", fixed, "x")[0] == 0
    assert run("glossary", "approve", fixed, "y")[0] == 0
    assert [c.status for c in read_tsv(fixed)] == ["approved", "approved"]
    assert [c.fr for c in read_tsv(fixed)] == ["points de suspension\u2026", "ligne\u2028s\u00e9par\u00e9e"]


# 4. ids that start with # ------------------------------------------------------------------------

def test_an_id_starting_with_hash_is_a_row_not_a_comment(tmp_path):
    src = tmp_path / "h.csv"
    src.write_text("id,fr,en\n#1,dièse,sharp\n2,bémol,flat\n", encoding="utf-8")
    assert run("import", src, "-o", tmp_path / "h.tsv")[0] == 0
    assert [c.id for c in read_tsv(tmp_path / "h.tsv")] == ["#1", "2"]
    tbx = tmp_path / "h.tbx"
    tbx.write_text('<?xml version="1.0"?><tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" '
                   'xml:lang="en"><tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader><text>'
                   '<body><conceptEntry id="#x"><langSec xml:lang="fr"><termSec><term>dièse</term></termSec></langSec>'
                   '<langSec xml:lang="en"><termSec><term>sharp</term></termSec></langSec></conceptEntry></body></text>'
                   '</tbx>', encoding="utf-8")
    assert run("import", tbx, "-o", tmp_path / "t.tsv")[0] == 0
    assert [c.id for c in read_tsv(tmp_path / "t.tsv")] == ["#x"]
    assert run("glossary", "approve", tmp_path / "t.tsv", "#x")[0] == 0


# 5. a glossary with only the required columns ----------------------------------------------------

MINIMAL = "id\tfr\ten\tstatus\na\tun\tone\tcandidate\nb\tdeux\ttwo\tcandidate\nc\ttrois\tthree\tcandidate\n"


def test_approve_on_a_minimal_glossary_touches_one_line(tmp_path):
    path = tmp_path / "m.tsv"
    path.write_text(MINIMAL, encoding="utf-8")
    assert run("glossary", "approve", path, "b")[0] == 0
    assert path.read_text(encoding="utf-8") == MINIMAL.replace("deux\ttwo\tcandidate", "deux\ttwo\tapproved")


def test_web_merge_on_a_minimal_glossary_keeps_every_form(tmp_path):
    from starlette.testclient import TestClient

    from termkit.review.server import make_app

    path = tmp_path / "m.tsv"
    path.write_text(MINIMAL, encoding="utf-8")
    with TestClient(make_app(path, {"testserver"}, token="t")) as client:
        client.headers["X-CSRF-Token"] = "t"
        assert post(client, path, "a", op="status", value="approved").status_code == 200
        assert post(client, path, "b", op="merge", value="c").status_code == 200
    merged = read_tsv(path).by_id()
    assert set(merged) == {"a", "c"}
    assert "deux" in merged["c"].fr_variants and "two" in merged["c"].en_variants


# 6. undo is checked like any other change ---------------------------------------------------------

@pytest.mark.parametrize("fields", [{"status": "bogus"}, {"en_forbidden": [1, 2]}, {"en": ["x"]}, {"id": "other"},
                                    {"type": "PERSON"}, {}, None, "status"])
def test_a_bad_restore_is_a_400_and_changes_nothing(client, seed, fields):
    before = seed.read_bytes()
    assert post(client, seed, "terres-rares", op="restore", fields=fields).status_code == 400
    assert seed.read_bytes() == before
    assert client.get("/").status_code == 200
    assert run("glossary", "stats", seed)[0] == 0


# 7. a change the server did not see --------------------------------------------------------------

def test_an_outside_change_that_keeps_mtime_and_size_is_not_overwritten(client, seed):
    assert client.get("/").status_code == 200  # the server has read the file
    st = seed.stat()
    changed = next(c.id for c in read_tsv(seed) if c.status == "approved")
    doc = TsvDocument.read(seed)
    k = doc.ids[changed]
    doc.lines[k] = doc.lines[k].replace("\tapproved\t", "\trejected\t")  # same length: same size
    seed.write_text(doc.text(), encoding="utf-8")
    os.utime(seed, ns=(st.st_atime_ns, st.st_mtime_ns))  # as cp -p or rsync -a leave it
    assert seed.stat().st_size == st.st_size and seed.stat().st_mtime_ns == st.st_mtime_ns
    other = next(c.id for c in read_tsv(seed) if c.status == "approved")
    assert post(client, seed, other, op="note", value="seen").status_code == 200
    now = read_tsv(seed).by_id()
    assert now[changed].status == "rejected" and now[other].note == "seen"
    assert client.get("/?status=rejected").text.count(f'id="c-{changed}"') == 1  # the page sees it too


# 8. spreadsheets -----------------------------------------------------------------------------------

def test_csv_export_neutralises_formulas_and_import_restores_them(tmp_path):
    path = tmp_path / "f.tsv"
    evil = ['=HYPERLINK("http://x","y")', "@SUM(A1)", "=cmd|' /C calc'!A0", "+1", "-2", "'=quoted"]
    write_tsv([Concept(f"c{k}", f"fr{k}", e, status="approved", note=e) for k, e in enumerate(evil)], path)
    code, out, _ = run("export", path, "--to", "csv")
    assert code == 0
    import csv
    import io

    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows[1:] for cell in row)
    (tmp_path / "f.csv").write_text(out, encoding="utf-8")
    assert run("import", tmp_path / "f.csv", "-o", tmp_path / "back.tsv")[0] == 0
    assert [c.en for c in read_tsv(tmp_path / "back.tsv")] == evil


# 9, 10, 13. the server's defences -----------------------------------------------------------------

def test_the_page_cannot_be_framed_or_sniffed(client):
    for resp in (client.get("/"), client.get("/static/review.js"), client.get("/nowhere")):
        assert "frame-ancestors 'none'" in resp.headers["content-security-policy"]
        assert resp.headers["x-frame-options"] == "DENY"
        assert resp.headers["x-content-type-options"] == "nosniff"


def test_a_body_over_one_megabyte_is_refused(client, seed):
    before = seed.read_bytes()
    resp = post(client, seed, "terres-rares", op="note", value="x" * (2 << 20))
    assert resp.status_code == 413
    assert seed.read_bytes() == before


@pytest.mark.parametrize("query,status", [("?min=0,5", 200), ("?min=0.5", 200), ("?min=abc", 400), ("?page=abc", 400),
                                          ("?min=7", 400), ("?status=bogus", 400), ("?page=999", 200)])
def test_malformed_queries_are_400s(client, query, status):
    resp = client.get("/" + query)
    assert resp.status_code == status
    assert "Traceback" not in resp.text


@pytest.mark.parametrize("body", ["[]", '"x"', "null", "[" * 100_000, "{", "\xff"])
def test_malformed_bodies_are_400s(client, seed, body):
    resp = client.post("/api/concept/terres-rares", content=body.encode("utf-8", "surrogateescape"),
                       headers={"Content-Type": "application/json"})
    assert resp.status_code == 400, resp.text
    assert "error" in resp.json()


def test_a_ragged_or_missing_file_is_a_400_page(client, seed):
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text + "only\tthree\tcells\n", encoding="utf-8")
    resp = client.get("/")
    assert resp.status_code == 400 and "columns" in resp.text
    seed.unlink()
    resp = client.get("/")
    assert resp.status_code == 400 and "no such file" in resp.text


# 12. the lock is taken off the event loop ---------------------------------------------------------

def test_a_held_lock_gives_503_and_the_page_still_answers(client, seed, monkeypatch):
    import termkit.review.server as server

    monkeypatch.setattr(server, "LOCK_TIMEOUT", 0.5)
    holding, release = threading.Event(), threading.Event()

    def hold():
        with locked(seed):
            holding.set()
            release.wait(20)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        holding.wait(10)
        start = time.monotonic()
        resp = post(client, seed, "terres-rares", op="status", value="approved")
        assert resp.status_code == 503 and "busy" in resp.json()["error"]
        assert time.monotonic() - start < 10
        assert client.get("/").status_code == 200
    finally:
        release.set()
        thread.join()
    assert post(client, seed, "terres-rares", op="status", value="approved").status_code == 200


# 14. exit codes ------------------------------------------------------------------------------------

def test_review_of_a_missing_file_is_exit_2(tmp_path):
    code, _, err = run("review", tmp_path / "missing.tsv", "--no-browser")
    assert code == 2 and "no such file" in err


def test_review_on_a_busy_port_is_exit_2_before_saying_it_serves(seed):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        code, _, err = run("review", seed, "--port", s.getsockname()[1], "--no-browser")
    assert code == 2 and "cannot listen" in err and "Reviewing" not in err


# 11. terminal output ------------------------------------------------------------------------------

def test_escape_sequences_in_cells_never_reach_the_terminal(tmp_path):
    path = tmp_path / "e.tsv"
    write_tsv([Concept("x", "évasion", "escape\x1b]0;pwned\x07\x1b[31m", status="approved",
                       note="\x1b[2J\x1b[Hcleared")], path)
    code, out, _ = run("lookup", "évasion", "-g", path, "--cache-dir", tmp_path / "cache")
    assert code == 0 and "\x1b" not in out and "\x07" not in out and "escape" in out
    code, out, _ = run("lookup", "évasion", "-g", path, "--cache-dir", tmp_path / "cache", "--format", "json")
    assert json.loads(out)["results"][0]["en"] == "escape\x1b]0;pwned\x07\x1b[31m"  # data kept
    assert "\x1b" in read_tsv(path).concepts[0].note  # and the file keeps it too


# 16. smaller ---------------------------------------------------------------------------------------

def test_an_edit_of_a_crlf_glossary_with_a_bom_touches_one_line(tmp_path, seed):
    path = tmp_path / "crlf.tsv"
    data = b"\xef\xbb\xbf" + seed.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(data)
    assert run("glossary", "reject", path, "terres-rares")[0] == 0
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    old, new = data.split(b"\r\n"), after.split(b"\r\n")
    assert len(old) == len(new) and sum(a != b for a, b in zip(old, new)) == 1


def test_a_utf16_tbx_v2_is_read_as_tbx_v2(tmp_path):
    from termkit.glossary.formats import detect_format

    path = tmp_path / "mt.tbx"
    path.write_text('<?xml version="1.0" encoding="UTF-16"?><martif type="TBX"><text><body>'
                    '<termEntry id="c1"><langSet xml:lang="fr"><tig><term>dièse</term></tig></langSet>'
                    '<langSet xml:lang="en"><tig><term>sharp</term></tig></langSet></termEntry></body></text></martif>',
                    encoding="utf-16")
    assert detect_format(str(path)).name == "tbx2"


def test_an_empty_file_is_not_located_at_line_zero(tmp_path):
    for name in ("e.tbx", "e.tmx"):
        (tmp_path / name).write_bytes(b"")
        code, _, err = run("import", tmp_path / name, "-o", tmp_path / "o.tsv")
        assert code == 2 and ":0" not in err and "empty" in err


def test_an_interrupted_run_does_not_say_done():
    import io

    from termkit.progress import Progress

    out = io.StringIO()
    with pytest.raises(KeyboardInterrupt), Progress(100, "Parsing", "text", stream=out) as p:
        p.advance(10)
        raise KeyboardInterrupt
    assert "stopped after" in out.getvalue() and "done in" not in out.getvalue()


def test_leftovers_of_a_killed_write_are_cleaned_at_the_next(tmp_path, seed):
    # a subprocess: the point is the pid of a writer process that is dead
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = seed.parent / f".{seed.name}.{dead.stdout.strip()}.abc123.tmp"
    stale.write_text("half")
    (seed.parent / f"{seed.name}.lock").write_text("")
    live = seed.parent / f".{seed.name}.{os.getpid()}.def456.tmp"  # a write in progress in a live process
    live.write_text("mine")
    assert run("glossary", "approve", seed, "terres-rares")[0] == 0
    assert not stale.exists() and not (seed.parent / f"{seed.name}.lock").exists()
    assert live.exists()


def test_invalid_utf8_on_lookups_stdin_is_named_and_skipped(tmp_path, seed):
    code, out, err = run("lookup", "-g", seed, "--cache-dir", tmp_path / "c", "--format", "json",
                         input=b"Kazakhstan\n\xff\xfebad\nterres rares\n")
    assert code == 2 and "<stdin>:2" in err
    answers = [json.loads(line) for line in out.splitlines()]
    assert [a["query"] for a in answers] == ["Kazakhstan", "terres rares"]


# the second reader's findings ------------------------------------------------------------------

def test_a_new_column_gives_other_rows_their_default_not_a_blank(tmp_path):
    path = tmp_path / "m.tsv"
    path.write_text(MINIMAL, encoding="utf-8")
    assert run("glossary", "set", path, "a", "--type", "ORG", "--pos", "verb")[0] == 0
    rows = read_tsv(path).by_id()
    assert (rows["a"].type, rows["a"].pos) == ("ORG", "verb")
    assert (rows["b"].type, rows["b"].pos) == ("TERM", "noun")  # as they read before the columns existed


def test_a_teams_own_column_is_kept_through_edits(tmp_path):
    path = tmp_path / "c.tsv"
    path.write_text("id\tfr\ten\tstatus\tcomment\na\tun\tone\tcandidate\tcheck with Anna\n", encoding="utf-8")
    assert run("glossary", "approve", path, "a")[0] == 0
    assert run("glossary", "set", path, "a", "--type", "ORG")[0] == 0  # adds type and pos: the comment stays
    doc = TsvDocument.read(path)
    assert "check with Anna" in doc.lines[doc.ids["a"]] and read_tsv(path).concepts[0].status == "approved"


def test_columns_in_another_order_and_a_first_cell_with_a_hash(tmp_path):
    path = tmp_path / "r.tsv"
    path.write_text("fr\tid\ten\tstatus\n#hashtag\ta\tone\tcandidate\ndeux\tb\ttwo\tcandidate\n",
                    encoding="utf-8")
    assert [c.id for c in read_tsv(path)] == ["b"]  # as written by hand, the first row is a comment
    path.write_text("fr\tid\ten\tstatus\n\\#hashtag\ta\tone\tcandidate\ndeux\tb\ttwo\tcandidate\n",
                    encoding="utf-8")
    assert run("glossary", "approve", path, "a", "b")[0] == 0
    assert [(c.id, c.fr, c.status) for c in read_tsv(path)] == [("a", "#hashtag", "approved"), ("b", "deux", "approved")]
    assert run("glossary", "set", path, "b", "--fr", "#deux")[0] == 0  # written escaped: still a row
    assert [c.fr for c in read_tsv(path)] == ["#hashtag", "#deux"]


def test_text_that_is_not_utf8_is_refused_on_both_paths(client, seed):
    before = seed.read_bytes()
    body = json.dumps({"version": version(seed, "terres-rares"), "op": "note", "value": "\ud800"})  # \\ud800 in JSON
    resp = client.post("/api/concept/terres-rares", content=body.encode("ascii"),
                       headers={"Content-Type": "application/json"})
    assert resp.status_code == 400 and "not UTF-8" in resp.json()["error"]
    code, _, err = run("glossary", "set", seed, "terres-rares", "--note", "caf\udcc3")  # argv with a byte not UTF-8
    assert code == 2 and "not UTF-8" in err
    assert seed.read_bytes() == before


def test_a_change_written_is_never_answered_with_a_500(client, seed):
    assert client.get("/").status_code == 200
    with seed.open("a", encoding="utf-8") as fh:
        fh.write("broken\trow\n")  # another process breaks the file after the page loaded
    resp = post(client, seed, "terres-rares", op="note", value="kept")
    assert resp.status_code in (200, 400)
    if resp.status_code == 200:
        assert resp.json()["reviewed"] is None


def test_a_utf16_be_glossary_stays_utf16_be(tmp_path):
    path = tmp_path / "be.tsv"
    path.write_bytes(b"\xfe\xff" + MINIMAL.encode("utf-16-be"))
    assert run("glossary", "approve", path, "b")[0] == 0
    assert path.read_bytes() == b"\xfe\xff" + MINIMAL.replace("deux\ttwo\tcandidate", "deux\ttwo\tapproved").encode(
        "utf-16-be")


def test_undo_puts_back_only_what_the_server_changed(client, seed):
    resp = post(client, seed, "terres-rares", op="note", value="first")
    assert resp.status_code == 200
    undo, version = resp.json()["undo"], resp.json()["concept"]["version"]
    forged = dict(undo, en="hijacked")
    assert client.post("/api/concept/terres-rares", json={"version": version, "op": "restore",
                                                          "fields": forged}).status_code == 400
    assert client.post("/api/concept/terres-rares", json={"version": version, "op": "restore",
                                                          "fields": undo}).status_code == 200
    assert read_tsv(seed).by_id()["terres-rares"].note == undo["note"]


# concurrency, as before: 2 x 220 web edits and 20 CLI edits, nothing lost ----------------------

@pytest.mark.slow
def test_two_tabs_and_the_cli_editing_at_once_lose_nothing(tmp_path):
    import urllib.request

    path = tmp_path / "busy.fr-en.tsv"
    rows = [Concept(f"c{k}", f"terme {k}", f"term {k}") for k in range(60)]
    write_tsv(rows, path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # subprocesses: the review server and the CLI writers are separate processes sharing the file lock
    proc = subprocess.Popen([sys.executable, "-m", "termkit", "review", str(path), "--port", str(port), "--no-browser"],
                            stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                page = urllib.request.urlopen(url + "/", timeout=2).read().decode()
                break
            except OSError:
                time.sleep(0.1)
        token = page.split('name="csrf-token" content="')[1].split('"')[0]

        def tab(name: str, ids: list[str], edits: int) -> None:
            import httpx

            with httpx.Client(base_url=url, headers={"X-CSRF-Token": token}, timeout=30) as http:
                for k in range(edits):
                    cid = ids[k % len(ids)]
                    while True:  # a 409 (another writer changed the row) is redone on the row as it now is
                        doc = TsvDocument.read(path)
                        from termkit.glossary.edit import row_version

                        version = row_version(doc.lines[doc.ids[cid]])
                        r = http.post(f"/api/concept/{cid}", json={"version": version, "op": "note",
                                                                   "value": f"{name} {k}"})
                        if r.status_code == 200:
                            break
                        assert r.status_code in (409, 503), r.text

        tabs = [threading.Thread(target=tab, args=(f"tab{t}", [f"c{k}" for k in range(t * 20, t * 20 + 20)], 220))
                for t in range(2)]
        for t in tabs:
            t.start()
        cli = [subprocess.Popen([sys.executable, "-m", "termkit", "glossary", "set", str(path), f"c{40 + k}",
                                 "--note", f"cli {k}", "--status", "approved"], stderr=subprocess.PIPE, text=True)
               for k in range(20)]
        for p in cli:
            assert p.wait(timeout=300) == 0, p.stderr.read()
        for t in tabs:
            t.join(timeout=300)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    final = read_tsv(path).by_id()
    assert len(final) == 60
    for t in range(2):  # each tab's last edit of each of its rows is there
        for j in range(20):
            last = max(k for k in range(220) if k % 20 == j)
            assert final[f"c{t * 20 + j}"].note == f"tab{t} {last}"
    assert all(final[f"c{40 + k}"].note == f"cli {k}" and final[f"c{40 + k}"].status == "approved" for k in range(20))
